package dev.bazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import dev.bazaar.audit.AuditReport;
import dev.bazaar.audit.DeadLetter;
import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import org.apache.commons.io.FileUtils;

/**
 * A Bazaar platform: every component of topology.yaml as a process of its own, with everything they keep under
 * one home directory. Bring it up, use it, take it down:
 *
 * <pre>{@code
 * try (Platform platform = Platform.start(config, ProgressListener.printingTo(System.out))) {
 *     URI gateway = platform.gatewayUrl();                       // http://127.0.0.1:8080
 *     platform.scale("ordering", 2);                             // ordering and ordering-2, balanced by the gateway
 *     platform.kill("ordering-2");                               // SIGKILL, as in a crash
 *     platform.restart("payment");                               // a redeploy nobody notices
 * }                                                              // close() = stop()
 * }</pre>
 *
 * <p>Starting is idempotent: what already runs under the home is kept, data is reused, only what is missing is
 * started. The processes do not depend on the JVM that started them: they keep running after it exits unless
 * {@link LauncherConfig#stopOnExit()} is set, and another JVM can {@link #open(LauncherConfig)} the same home to
 * inspect, scale or stop them, as the {@code bazaar} command does.
 */
public final class Platform implements AutoCloseable {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_REPORT_EVERY = Duration.ofSeconds(5);
    private static final String MARKER = ".bazaar-home";

    private final LauncherConfig config;
    private final ProgressListener progress;
    private final RuntimeState state;
    private final Secrets secrets;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Supervisor supervisor;
    private final AdminApi admin;
    private final Identity identity;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private Thread exitHook;

    private Platform(LauncherConfig config, ProgressListener progress, RuntimeState state) {
        this.config = config;
        this.progress = progress;
        this.state = state;
        this.secrets = Secrets.in(config.home());
        this.postgres = new PostgresServer(config, state, secrets);
        this.kafka = new KafkaServer(config, state, secrets);
        this.identity = new Identity(secrets);
        this.supervisor = new Supervisor(config, state, progress, postgres, kafka, identity, secrets, http);
        this.admin = new AdminApi(services(), this::applicationUrl, name -> !supervisor.instances(name).isEmpty(),
                () -> identity.operatorToken(issuer()));
    }

    /**
     * Brings the platform up and returns once every component is healthy and the events of the start have reached
     * their consumers: builds stale jars if the config asks for it, then starts the map wave by wave.
     *
     * @throws ComponentFailedException when a component exits or stays unhealthy; what this call started is stopped
     * @throws LauncherException        for anything else that prevents the start, e.g. a port taken by another program
     */
    public static Platform start(LauncherConfig config, ProgressListener progress) {
        Platform platform = prepare(config, progress);
        platform.up();
        return platform;
    }

    /** The platform under the config's home as it is, running or not; starts nothing. */
    public static Platform open(LauncherConfig config) {
        return open(config, ProgressListener.silent());
    }

    /** {@link #open(LauncherConfig)}, reporting what later calls ({@link #stop()}, {@link #restart}) do. */
    public static Platform open(LauncherConfig config, ProgressListener progress) {
        return new Platform(config, progress, RuntimeState.load(stateFile(config)).orElseGet(() -> RuntimeState.of(config)));
    }

    /** A platform ready for {@link #up()}, refusing to start a differently configured one over a running one. */
    static Platform prepare(LauncherConfig config, ProgressListener progress) {
        RuntimeState wanted = RuntimeState.of(config);
        Optional<RuntimeState> recorded = RuntimeState.load(stateFile(config));
        if (recorded.isPresent() && !recorded.get().equals(wanted) && new Platform(config, progress, recorded.get()).isRunning()) {
            throw new LauncherException("The platform in " + config.home() + " already runs with " + recorded.get().describe()
                    + ", not " + wanted.describe() + ". Stop it first ('./bazaar down').");
        }
        Platform platform = new Platform(config, progress, wanted);
        if (config.stopOnExit()) {
            platform.stopOnExit();
        }
        return platform;
    }

    /** Starts whatever is not running yet and waits until everything is healthy, then until it has settled. */
    void up() {
        long begin = System.nanoTime();
        initializeHome();
        try (FileChannel channel = FileChannel.open(config.home().resolve("run").resolve("launcher.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            state.save(stateFile(config));
            List<String> applications = config.components().stream()
                    .filter(name -> config.topology().component(name).kind().isApplication()).toList();
            if (config.buildIfStale()) {
                Build build = new Build(config);
                List<String> stale = build.staleApplications(applications.stream()
                        .filter(name -> config.topology().component(name).kind().isBuilt()).toList());
                if (!stale.isEmpty()) {
                    build.run(stale, progress);
                }
            }
            List<String> missing = applications.stream().filter(app -> !Files.isRegularFile(config.jar(app)))
                    .map(app -> config.repoRoot().relativize(config.jar(app)).toString()).toList();
            if (!missing.isEmpty()) {
                throw new LauncherException("Missing " + String.join(", ", missing)
                        + ": build with './mvnw -DskipTests package' (./bazaar up builds what is stale by itself).");
            }
            boolean firstStaffPassword = config.components().contains(Identity.COMPONENT) && identity.staffPasswordIsNew();
            supervisor.start(config.components());
            if (firstStaffPassword) {
                // Shown this once; it stays in the platform's secrets for ./bazaar token.
                progress.message("Staff account made: " + Identity.STAFF_EMAIL + ", password " + identity.staffPassword()
                        + " (kept in " + secrets.file() + ")");
            }
            // After the start, not inside it: a platform that is healthy but slow to settle still serves.
            awaitSettled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> addresses = new ArrayList<>();
        urlOf(Kind.STOREFRONT, config.components()).ifPresent(shop -> addresses.add("shop " + shop.resolve("/")));
        urlOf(Kind.GATEWAY, config.components()).ifPresent(gateway -> addresses.add(gateway.toString()));
        urlOf(Kind.CONSOLE, config.components()).ifPresent(console -> addresses.add("console (staff) " + console.resolve("/")));
        urlOf(Kind.ZIPKIN, config.components()).ifPresent(zipkin -> addresses.add("traces " + zipkin.resolve("/zipkin/")));
        progress.message("Bazaar is up in " + ProgressListener.seconds(Duration.ofNanos(System.nanoTime() - begin))
                + (addresses.isEmpty() ? "" : ": " + String.join("; ", addresses)));
    }

    /** Where the map's component of this kind listens, when it is among these names. */
    private Optional<URI> urlOf(Kind kind, List<String> among) {
        return config.topology().ofKind(kind).stream().map(Component::name).filter(among::contains).findFirst()
                .map(this::applicationUrl);
    }

    /**
     * Waits until the events of the start have reached their consumers (see {@link Backlogs}), twice in a row,
     * because what a consumer handles between two readings may put new events into its own outbox. A platform
     * that does not settle in time is still up; the caller is told what is behind.
     */
    private void awaitSettled() {
        List<String> services = config.components().stream().filter(services()::contains).toList();
        if (services.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        long nextReport = begin + SETTLE_REPORT_EVERY.toNanos();
        try (Backlogs backlogs = new Backlogs(admin, kafka.adminSettings())) {
            int cleanReadings = 0;
            List<String> behind = List.of();
            while (cleanReadings < 2) {
                behind = backlogs.inFlight(services);
                cleanReadings = behind.isEmpty() ? cleanReadings + 1 : 0;
                long now = System.nanoTime();
                if (!behind.isEmpty() && now > begin + SETTLE_TIMEOUT.toNanos()) {
                    progress.settled(Duration.ofNanos(now - begin), behind);
                    return;
                }
                if (!behind.isEmpty() && now > nextReport) {
                    progress.line("events", "settling: " + String.join("; ", behind));
                    nextReport = now + SETTLE_REPORT_EVERY.toNanos();
                }
                if (cleanReadings < 2) {
                    Poll.sleep(200);
                }
            }
            progress.settled(Duration.ofNanos(System.nanoTime() - begin), behind);
        }
    }

    public LauncherConfig config() {
        return config;
    }

    /** The gateway, the platform's single entry point, e.g. {@code http://127.0.0.1:8080}. */
    public URI gatewayUrl() {
        return applicationUrl("gateway");
    }

    /** The issuer of every token: identity's OpenID Connect endpoints, reached through the gateway. */
    public URI issuer() {
        return gatewayUrl();
    }

    /**
     * An access token for an account, got as a browser would (authorization code with PKCE through the sign-in form).
     *
     * @throws LauncherException when the address and password sign in nobody
     */
    public String token(String email, String password) {
        return Identity.token(issuer(), email, password);
    }

    /**
     * Makes identity sign tokens with a new key; the old one stays published until its tokens expire, so nothing
     * restarts. Returns the new key's id.
     */
    public String rotateSigningKey() {
        return admin.rotateSigningKey();
    }

    /** The operator's access token (the launcher's service account), which every {@code /admin} requires. */
    public String operatorToken() {
        return identity.operatorToken(issuer())
                .orElseThrow(() -> new LauncherException("identity gave no operator token at " + issuer()));
    }

    /** An access token of the staff account, whose password the platform keeps. */
    public String staffToken() {
        return token(Identity.STAFF_EMAIL, staffPassword());
    }

    /** The staff account's first password, as the platform keeps it: to sign in with a browser. */
    public String staffPassword() {
        return identity.staffPassword();
    }

    /** An application's own address, bypassing the gateway: its first running instance, or where instance 1 listens. */
    public URI applicationUrl(String application) {
        return supervisor.instances(application).stream().findFirst()
                .orElseGet(() -> supervisor.instance(application, 1)).url();
    }

    /** The running instances of an application, e.g. {@code [ordering, ordering-2]}. */
    public List<String> instances(String application) {
        return supervisor.instances(application).stream().map(Instance::id).toList();
    }

    /** Where the running instances of an application listen. */
    public List<URI> instanceUrls(String application) {
        return supervisor.instances(application).stream().map(Instance::url).toList();
    }

    /** The JDBC URL of a database on the platform's PostgreSQL, e.g. {@code jdbc:postgresql://127.0.0.1:15432/catalog}. */
    public String postgresJdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The Unix socket the services reach PostgreSQL through; none when they use TCP (docs/launcher.md says when). */
    public Optional<Path> postgresSocket() {
        return postgres.socket();
    }

    /** The login role of a service: named after its database, with a generated password; it reaches only that database. */
    public Credentials credentials(String service) {
        String database = config.topology().component(service).databaseName()
                .orElseThrow(() -> new IllegalArgumentException("Not a service with a database: " + service));
        return new Credentials(database, postgres.password(database));
    }

    /**
     * A database of the platform's PostgreSQL for a sample run beside it ({@code ./bazaar compare}), with its login role
     * of the same name and a generated password kept in the platform's secrets; created when missing.
     */
    Credentials sampleDatabase(String name) {
        postgres.provision(List.of(name));
        return new Credentials(name, postgres.password(name));
    }

    /**
     * The PostgreSQL superuser (or, with an external server, the administrative role it was given): it may read every
     * database's statistics (the benchmark counts commits with it).
     */
    public Credentials superuserCredentials() {
        return postgres.superuser();
    }

    /** How a Kafka client connects to the platform's broker as the superuser: bootstrap servers and credentials. */
    public Map<String, Object> kafkaClientSettings() {
        return kafka.adminSettings();
    }

    /** How a Kafka client connects as a service, with only what the map grants it (see {@link KafkaAccess}). */
    public Map<String, Object> kafkaClientSettings(String service) {
        requireManaged(service);
        return kafka.clientSettings(service);
    }

    /** Kafka's bootstrap servers, e.g. {@code 127.0.0.1:19092}. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The log files of a component's instances (or of one instance), by instance, e.g. {@code ordering-2 -> logs/ordering-2.log}. */
    public Map<String, Path> logFiles(String target) {
        List<Part> parts = partsOrFirst(target);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Unknown component: " + target);
        }
        Map<String, Path> logs = new LinkedHashMap<>();
        parts.forEach(part -> logs.put(part.id(), part.logFile()));
        return logs;
    }

    /** What a name stands for (see {@link Supervisor#parts}) or, for an application with none running, its instance 1. */
    private List<Part> partsOrFirst(String name) {
        List<Part> parts = supervisor.parts(name);
        return parts.isEmpty() && config.topology().find(name).isPresent() ? List.of(supervisor.instance(name, 1)) : parts;
    }

    /** The operations console's address, {@code http://127.0.0.1:8088}, when the map has it. */
    public Optional<URI> consoleUrl() {
        return urlOf(Kind.CONSOLE, config.topology().names());
    }

    /**
     * An order's trace, as Zipkin holds it: found by the {@code orderId} tag its spans carry, then read whole. Spans reach
     * Zipkin a moment after each step, so a caller that wants the whole journey waits for what it expects.
     *
     * @throws LauncherException when the map has no Zipkin, or it cannot be read
     */
    public Optional<TraceTree> trace(String orderId) {
        URI zipkin = urlOf(Kind.ZIPKIN, config.topology().names())
                .orElseThrow(() -> new LauncherException("topology.yaml has no zipkin component; no traces are kept."));
        return new ZipkinClient(zipkin, http).traceOfOrder(orderId);
    }

    /**
     * Checks the books across the services through their {@code /admin} APIs, once; docs/launcher.md lists the rules.
     * A service that cannot be read is itself a violation, never an exception. The services are read one after the
     * other, so a saga in flight can show for a moment as a violation; {@link #audit(Duration)} waits those out.
     */
    public AuditReport audit() {
        return admin.audit(Instant.now(), text -> progress.line("audit", text));
    }

    /** {@link #audit()} repeated every second until it finds nothing or {@code wait} has passed: the last report. */
    public AuditReport audit(Duration wait) {
        AtomicReference<AuditReport> report = new AtomicReference<>();
        Poll.until(wait, Duration.ofSeconds(1), () -> {
            report.set(audit());
            return report.get().clean();
        });
        return report.get();
    }

    /**
     * The dead letters of every service, NEW ones first, then oldest first.
     *
     * @throws ServiceUnreachableException when a service cannot be read; {@link #deadLetters(String)} reads one
     */
    public List<DeadLetter> deadLetters() {
        return sortDeadLetters(services().stream().flatMap(service -> admin.deadLetters(service).stream()).toList());
    }

    public List<DeadLetter> deadLetters(String service) {
        return sortDeadLetters(admin.deadLetters(requireService(service)));
    }

    /** Has the service apply a dead letter again and mark it REDRIVEN; a {@link LauncherException} says why if it still fails. */
    public void redriveDeadLetter(String service, String id) {
        admin.deadLetterAction(requireService(service), id, "redrive");
    }

    /** Marks a dead letter DISCARDED: looked at, and deliberately not consumed. */
    public void discardDeadLetter(String service, String id) {
        admin.deadLetterAction(requireService(service), id, "discard");
    }

    /**
     * Makes a new key-encryption key current at payment; the card keys are re-wrapped under it in the background
     * (follow with {@link #cardKeys()}), and nothing in flight is lost.
     */
    public CardKeyState rotateCardKey() {
        return admin.cardKeys(true);
    }

    public CardKeyState cardKeys() {
        return admin.cardKeys(false);
    }

    /** Makes every payment instance's simulated card processor answer this late (zero: at once), failing nothing. */
    public void cardProcessorLatency(Duration latency) {
        instanceUrls("payment").forEach(instance -> admin.cardProcessorLatency(instance, latency));
    }

    /** Rebuilds ordering's customer-orders projection from its event streams while it keeps serving. */
    public ProjectionRebuild rebuildCustomerOrders() {
        return admin.rebuildCustomerOrders();
    }

    static List<DeadLetter> sortDeadLetters(List<DeadLetter> letters) {
        return letters.stream().sorted(Comparator.comparing((DeadLetter letter) -> !letter.isNew())
                .thenComparing(DeadLetter::deadAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DeadLetter::service)
                .thenComparing(DeadLetter::id)).toList();
    }

    /** Whether any process of this platform runs. */
    public boolean isRunning() {
        return config.topology().names().stream().anyMatch(name -> supervisor.parts(name).stream()
                .anyMatch(part -> part.process().isPresent()));
    }

    /**
     * Brings back what failed by itself (not what was {@link #kill}ed on purpose); call it every few seconds. Returns the
     * ids brought back. {@link Supervisor#heal()} says what counts as failed, and when.
     */
    public List<String> heal() {
        return supervisor.heal();
    }

    /** Every component, one row per running instance (or one row when none runs): process, address, health, memory, uptime. */
    public List<ComponentStatus> status() {
        List<Part> parts = config.topology().names().stream().flatMap(name -> partsOrFirst(name).stream()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            return parts.stream().map(part -> CompletableFuture.supplyAsync(() -> status(part), pool)).toList()
                    .stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static ComponentStatus status(Part part) {
        Optional<ProcessHandle> process = part.process();
        ComponentStatus.Health health = process.isEmpty() && !part.isExternal() ? ComponentStatus.Health.STOPPED
                : part.healthy() ? ComponentStatus.Health.UP : ComponentStatus.Health.DOWN;
        return ComponentStatus.of(part.id(), process, part.address(), health, part.memoryBytes(), part.isExternal());
    }

    /**
     * Kills outright (SIGKILL), as a crash would: a component (every instance of it), or one instance such as
     * {@code ordering-2}. Returns the first pid killed, empty when nothing was running.
     */
    public OptionalLong kill(String target) {
        requireManaged(target);
        List<Long> killed = supervisor.kill(target);
        return killed.isEmpty() ? OptionalLong.empty() : OptionalLong.of(killed.get(0));
    }

    /** Stops a component (every instance of it) or one instance gracefully; the next start or restart brings it back. */
    public void stop(String target) {
        requireManaged(target);
        supervisor.stop(target);
    }

    /**
     * Redeploys a component while the rest keep running and waits until it is healthy: a service's instances are
     * replaced one at a time, so that it keeps serving (see {@link Supervisor#restart}).
     */
    public void restart(String component) {
        requireManaged(component);
        initializeHome();
        supervisor.restart(component);
    }

    /** Runs {@code count} instances of a service, starting or retiring the difference; the gateway balances between them. */
    public void scale(String service, int count) {
        initializeHome();
        supervisor.scale(service, count);
    }

    /** Stops everything, the applications first, then Kafka, then PostgreSQL. Data stays under the home. */
    public void stop() {
        supervisor.stopAll();
        OsProcesses.deleteQuietly(stateFile(config));
        removeExitHook();
    }

    @Override
    public void close() {
        stop();
    }

    /** Deletes the home directory with all data, logs and secrets; refused while anything runs, or for a directory the launcher did not create. */
    public void reset() {
        if (isRunning()) {
            throw new LauncherException("The platform is running; stop it first ('./bazaar down').");
        }
        Path home = config.home();
        if (Files.exists(home) && !Files.exists(home.resolve(MARKER))) {
            throw new LauncherException(home + " was not created by the Bazaar launcher; not deleting it.");
        }
        try {
            FileUtils.deleteDirectory(home.toFile());
        } catch (IOException e) {
            throw new LauncherException("Could not delete " + home + ": " + e.getMessage(), e);
        }
    }

    /** Stops the platform when this JVM exits (Ctrl-C on a foreground {@code up}, or a test JVM ending). */
    synchronized void stopOnExit() {
        if (exitHook == null) {
            exitHook = new Thread(this::stop, "bazaar-stop");
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
    }

    boolean isStopping() {
        return supervisor.isStopping();
    }

    private synchronized void removeExitHook() {
        if (exitHook != null && Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down.
            }
        }
        exitHook = null;
    }

    private List<String> services() {
        return config.topology().services().stream().map(Component::name).toList();
    }

    private String requireService(String service) {
        if (!services().contains(service)) {
            throw new IllegalArgumentException("Not a service: " + service + " (one of " + String.join(", ", services()) + ")");
        }
        return service;
    }

    private void requireManaged(String target) {
        if (target.equals(PostgresServer.NAME) && postgres.isExternal() || target.equals(KafkaServer.NAME) && kafka.isExternal()) {
            throw new LauncherException(target + " is an external server; the launcher does not manage it.");
        }
        if (config.topology().find(target).isEmpty() && supervisor.instance(target).isEmpty()) {
            throw new IllegalArgumentException("Unknown component or instance: " + target);
        }
    }

    private void initializeHome() {
        try {
            Files.createDirectories(config.home().resolve("run"));
            Files.createDirectories(config.home().resolve("logs"));
            Path marker = config.home().resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "The home of a Bazaar platform: data, logs, secrets. './bazaar reset' deletes it.\n");
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot create " + config.home() + ": " + e.getMessage(), e);
        }
    }

    private FileLock tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // Held by this very JVM: another thread is starting the same platform.
        }
        throw new LauncherException("Another launcher is starting the platform in " + config.home() + "; let it finish.");
    }

    private static Path stateFile(LauncherConfig config) {
        return config.home().resolve("run").resolve("platform.properties");
    }
}
