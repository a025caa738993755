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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A Bazaar platform: PostgreSQL, Kafka, the six services and the gateway, each a process of its own,
 * with everything they keep under one home directory.
 *
 * <p>Bring it up, use it, take it down:
 *
 * <pre>{@code
 * try (Platform platform = Platform.start(config, ProgressListener.printingTo(System.out))) {
 *     URI gateway = platform.gatewayUrl();                       // http://127.0.0.1:8080
 *     String url = platform.postgresJdbcUrl("ordering");         // jdbc:postgresql://127.0.0.1:15432/ordering
 *     Credentials ordering = platform.credentials("ordering");   // the service's own role
 *     platform.kill("payment");                                  // SIGKILL, as in a crash
 *     platform.restart("payment");                               // back, and healthy
 * }                                                              // close() = stop()
 * }</pre>
 *
 * <p>Starting is idempotent: what already runs under the home (and runs the current jar) is kept, data is
 * reused, only what is missing is started. The processes do not depend on the JVM that started them: they
 * keep running after it exits unless {@link LauncherConfig#stopOnExit()} is set, and another JVM can
 * {@link #open(LauncherConfig)} the same home to inspect or stop them, as the {@code bazaar} command does.
 */
public final class Platform implements AutoCloseable {

    private static final Duration APPLICATION_STOP_GRACE = Duration.ofSeconds(40);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_REPORT_EVERY = Duration.ofSeconds(5);

    private final LauncherConfig config;
    private final ProgressListener progress;
    private final RuntimeState state;
    private final Secrets secrets;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private final AdminApi admin;
    private final Object lifecycle = new Object();
    private boolean stopped;
    private int startsInFlight;
    private Thread exitHook;

    private Platform(LauncherConfig config, ProgressListener progress, RuntimeState state) {
        this.config = config;
        this.progress = progress;
        this.state = state;
        this.secrets = Secrets.in(config.home());
        this.postgres = new PostgresServer(config, state, secrets);
        JavaRuntime java = new JavaRuntime(config.javaExecutable());
        this.kafka = new KafkaServer(config, state, java);
        for (String name : LauncherConfig.APPLICATIONS) {
            applications.put(name, new Application(name, config, state, java));
        }
        this.admin = new AdminApi(this::applicationUrl, this::runs);
    }

    /**
     * Brings the platform up and returns once every component is healthy: builds stale jars if the config
     * asks for it, starts (or reuses) PostgreSQL and Kafka, creates each service's role and database, then
     * starts the applications together and waits for their health checks.
     *
     * @throws ComponentFailedException when a component exits or stays unhealthy; what this call started is
     *                                  stopped again
     * @throws LauncherException        for anything else that prevents the start, e.g. a port taken by
     *                                  another program
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
        Path recordFile = stateFile(config);
        Optional<RuntimeState> recorded = RuntimeState.load(recordFile);
        return new Platform(config, progress, recorded.orElseGet(() -> RuntimeState.of(config)));
    }

    /** A platform ready for {@link #up()}, refusing to start a differently configured one over a running one. */
    static Platform prepare(LauncherConfig config, ProgressListener progress) {
        RuntimeState wanted = RuntimeState.of(config);
        Optional<RuntimeState> recorded = RuntimeState.load(stateFile(config));
        if (recorded.isPresent() && !recorded.get().equals(wanted)) {
            Platform running = new Platform(config, progress, recorded.get());
            if (running.isRunning()) {
                throw new LauncherException("The platform in " + config.home() + " already runs with " + recorded.get().describe()
                        + ", not " + wanted.describe() + ". Stop it first ('./bazaar down').");
            }
        }
        Platform platform = new Platform(config, progress, wanted);
        if (config.stopOnExit()) {
            platform.stopOnExit();
        }
        return platform;
    }

    /** Starts whatever is not running yet and waits until everything is healthy. */
    void up() {
        long begin = System.nanoTime();
        initializeHome();
        try (FileChannel channel = FileChannel.open(config.home().resolve("run").resolve("launcher.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            state.save(stateFile(config));
            if (config.buildIfStale()) {
                Build build = new Build(config);
                List<String> stale = build.staleApplications(config.applications());
                if (!stale.isEmpty()) {
                    build.run(stale, progress);
                }
            }
            requireJars();
            List<String> startedHere = Collections.synchronizedList(new ArrayList<>());
            try {
                startInfrastructure(startedHere);
                startApplications(config.applications(), startedHere);
            } catch (RuntimeException e) {
                if (e instanceof ComponentFailedException failure) {
                    progress.failed(failure.component(), failure.reason(), failure.logTail());
                }
                List<String> reversed = new ArrayList<>(startedHere);
                Collections.reverse(reversed);
                stopComponents(reversed);
                throw e;
            }
            // Outside the roll-back above: everything is healthy, and one that has not settled still serves.
            awaitSettled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.message("Bazaar is up in " + ConsoleProgress.seconds(Duration.ofNanos(System.nanoTime() - begin))
                + (config.applications().contains(LauncherConfig.GATEWAY) ? ": " + gatewayUrl() : ""));
    }

    /** The gateway, the platform's single entry point, e.g. {@code http://127.0.0.1:8080}. */
    public URI gatewayUrl() {
        return applicationUrl(LauncherConfig.GATEWAY);
    }

    /** An application's own address (bypassing the gateway), e.g. {@code http://127.0.0.1:8081} for catalog. */
    public URI applicationUrl(String application) {
        LauncherConfig.requireApplication(application);
        return applications.get(application).url();
    }

    /** The JDBC URL of a database on the platform's PostgreSQL, e.g. {@code jdbc:postgresql://127.0.0.1:15432/catalog}. */
    public String postgresJdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The login role of a service: named after it, with a generated password; it reaches only its own database. */
    public Credentials credentials(String service) {
        if (!LauncherConfig.SERVICES.contains(service)) {
            throw new IllegalArgumentException("Not a service with a database: " + service);
        }
        return new Credentials(service, secrets.password(service));
    }

    /** The PostgreSQL superuser (or, with an external server, the administrative role it was given). */
    public Credentials superuserCredentials() {
        return postgres.superuser();
    }

    /** Kafka's bootstrap servers, e.g. {@code 127.0.0.1:19092}. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public LauncherConfig config() {
        return config;
    }

    /** The log file of a component: {@code <home>/logs/<component>.log}. */
    public Path logFile(String component) {
        requireComponent(component);
        return config.home().resolve("logs").resolve(component + ".log");
    }

    /**
     * Checks the books across the services through their {@code /admin} APIs, once: every order settled or
     * within its deadline, delivered orders paid once with their stock committed, cancelled and rejected
     * orders keeping no money and no stock, every SKU's counters balanced against inventory's reservations
     * and ordering's orders, no dead letter left NEW. A service that cannot be read is itself a violation
     * ({@code payment: unreachable (…)}), never an exception. docs/launcher.md lists the rules.
     *
     * <p>The services are read one after the other, so a saga still in flight can show for a moment as a
     * violation; on a platform at rest, or with {@link #audit(Duration)}, none is transient.
     */
    public AuditReport audit() {
        Instant now = Instant.now();
        return Audit.check(admin.books(), now);
    }

    /**
     * {@link #audit()} repeated (every second) until it finds nothing or {@code wait} has passed, for a platform
     * that is settling: the last report, clean or not.
     */
    public AuditReport audit(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        AuditReport report = audit();
        while (!report.clean() && System.nanoTime() < deadline) {
            sleep(1000);
            report = audit();
        }
        return report;
    }

    /**
     * The dead letters of every service, NEW ones first, then oldest first.
     *
     * @throws ServiceUnreachableException when a service cannot be read; {@link #deadLetters(String)} reads one
     */
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (String service : LauncherConfig.SERVICES) {
            letters.addAll(admin.deadLetters(service));
        }
        return sortDeadLetters(letters);
    }

    /** The dead letters of one service, NEW ones first, then oldest first. */
    public List<DeadLetter> deadLetters(String service) {
        requireService(service);
        return sortDeadLetters(admin.deadLetters(service));
    }

    /** Publishes a dead letter again, as it was, to its original topic; the service marks it REDRIVEN. */
    public void redriveDeadLetter(String service, String id) {
        requireService(service);
        admin.redrive(service, id);
    }

    /** Marks a dead letter DISCARDED: looked at, and deliberately not consumed. */
    public void discardDeadLetter(String service, String id) {
        requireService(service);
        admin.discard(service, id);
    }

    /**
     * Rebuilds ordering's customer-orders projection (behind {@code GET /api/customers/{id}/orders}) from its
     * event streams while it keeps serving; returns ordering's figures.
     */
    public ProjectionRebuild rebuildCustomerOrders() {
        return admin.rebuildCustomerOrders();
    }

    static List<DeadLetter> sortDeadLetters(List<DeadLetter> letters) {
        List<DeadLetter> sorted = new ArrayList<>(letters);
        sorted.sort(Comparator.comparing((DeadLetter letter) -> !letter.isNew())
                .thenComparing(DeadLetter::deadAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DeadLetter::service)
                .thenComparing(DeadLetter::id));
        return sorted;
    }

    private static void requireService(String service) {
        if (!LauncherConfig.SERVICES.contains(service)) {
            throw new IllegalArgumentException("Not a service: " + service + " (one of " + String.join(", ", LauncherConfig.SERVICES) + ")");
        }
    }

    /** Whether any process of this platform (an embedded server or an application) runs. */
    public boolean isRunning() {
        return postgres.runningProcess().isPresent() || kafka.runningProcess().isPresent()
                || applications.values().stream().anyMatch(app -> app.runningProcess().isPresent());
    }

    /** Every component: process, address, health, memory and uptime; health checks run concurrently. */
    public List<ComponentStatus> status() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ComponentStatus>> futures = LauncherConfig.COMPONENTS.stream()
                    .map(component -> CompletableFuture.supplyAsync(() -> statusOf(component), pool))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Kills one component outright (SIGKILL), as a crash would: an application, {@code kafka} or
     * {@code postgres}. Returns the pid it killed, empty when it was not running.
     */
    public OptionalLong kill(String component) {
        requireComponent(component);
        requireManaged(component);
        Optional<ProcessHandle> process = processOf(component);
        switch (component) {
            case LauncherConfig.POSTGRES -> postgres.kill();
            case LauncherConfig.KAFKA -> kafka.kill();
            default -> applications.get(component).kill();
        }
        return process.map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    }

    /** Stops one component gracefully (and starts it again only on {@link #restart} or the next start). */
    public void stop(String component) {
        requireComponent(component);
        requireManaged(component);
        stopComponents(List.of(component));
    }

    /**
     * Stops one component (if it runs) and starts it again, waiting until it is healthy, while the rest of
     * the platform keeps running.
     */
    public void restart(String component) {
        requireComponent(component);
        requireManaged(component);
        initializeHome();
        stopComponents(List.of(component));
        List<String> started = new ArrayList<>();
        try {
            switch (component) {
                case LauncherConfig.POSTGRES -> startPostgres(started);
                case LauncherConfig.KAFKA -> startKafka(started);
                default -> {
                    requireJar(component);
                    startApplications(List.of(component), started);
                }
            }
        } catch (ComponentFailedException failure) {
            progress.failed(failure.component(), failure.reason(), failure.logTail());
            throw failure;
        }
    }

    /**
     * Stops everything: the gateway and the services first (gracefully, together), then Kafka, then
     * PostgreSQL. Data stays under the home for the next start. Safe to call when nothing runs.
     */
    public void stop() {
        synchronized (lifecycle) {
            stopped = true;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            // A process being spawned right now would otherwise escape: wait for it, then stop it too.
            while (startsInFlight > 0 && System.nanoTime() < deadline) {
                try {
                    lifecycle.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<String> order = new ArrayList<>(LauncherConfig.COMPONENTS);
        Collections.reverse(order);
        stopComponents(order);
        OsProcesses.deleteQuietly(stateFile(config));
        removeExitHook();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Deletes the home directory with all data, logs and secrets. Refuses while anything runs, and refuses a
     * directory the launcher did not create.
     */
    public void reset() {
        if (isRunning()) {
            throw new LauncherException("The platform is running; stop it first ('./bazaar down').");
        }
        Path home = config.home();
        if (!Files.exists(home)) {
            return;
        }
        if (!Files.exists(home.resolve(MARKER))) {
            throw new LauncherException(home + " was not created by the Bazaar launcher; not deleting it.");
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new LauncherException("Could not delete " + home + ": " + e.getMessage(), e);
        }
    }

    /** Stops the platform when this JVM exits (Ctrl-C on a foreground {@code up}, or a test JVM ending). */
    void stopOnExit() {
        synchronized (lifecycle) {
            if (exitHook == null) {
                exitHook = new Thread(this::stop, "bazaar-stop");
                Runtime.getRuntime().addShutdownHook(exitHook);
            }
        }
    }

    private static final String MARKER = ".bazaar-home";

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

    private void requireJars() {
        List<String> missing = config.applications().stream()
                .filter(app -> !Files.isRegularFile(config.jar(app)))
                .map(app -> config.repoRoot().relativize(config.jar(app)).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException("Missing " + String.join(", ", missing)
                    + ": build with './mvnw -DskipTests package' (./bazaar up builds what is stale by itself).");
        }
    }

    private void requireJar(String application) {
        if (!Files.isRegularFile(config.jar(application))) {
            throw new LauncherException("Missing " + config.repoRoot().relativize(config.jar(application))
                    + ": build with './mvnw -DskipTests package'.");
        }
    }

    private void startInfrastructure(List<String> startedHere) {
        CompletableFuture<Void> database = CompletableFuture.runAsync(() -> startPostgres(startedHere));
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> startKafka(startedHere));
        try {
            CompletableFuture.allOf(database, broker).join();
        } catch (CompletionException e) {
            // Wait for the other one, so that what it started is known and can be stopped.
            try {
                CompletableFuture.allOf(database, broker).exceptionally(ignored -> null).join();
            } catch (CompletionException ignored) {
                // Already failing with the first cause.
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void startPostgres(List<String> startedHere) {
        long begin = System.nanoTime();
        if (postgres.isExternal()) {
            postgres.start();
            progress.healthy(LauncherConfig.POSTGRES, Duration.ofNanos(System.nanoTime() - begin),
                    "external, " + state.address(LauncherConfig.POSTGRES));
        } else {
            Optional<ProcessHandle> running = postgres.runningProcess();
            if (running.isPresent()) {
                progress.reused(LauncherConfig.POSTGRES, running.get().pid());
            } else {
                guardedStart(() -> {
                    progress.starting(LauncherConfig.POSTGRES);
                    startedHere.add(LauncherConfig.POSTGRES);
                    postgres.start();
                });
                progress.healthy(LauncherConfig.POSTGRES, Duration.ofNanos(System.nanoTime() - begin),
                        state.address(LauncherConfig.POSTGRES) + ", data in " + relative(config.home().resolve("postgres")));
            }
        }
        postgres.provision(LauncherConfig.SERVICES);
        postgres.writeEnvironmentFile(config.home().resolve("postgres.env"));
    }

    private void startKafka(List<String> startedHere) {
        long begin = System.nanoTime();
        Optional<ProcessHandle> running = kafka.runningProcess();
        if (running.isPresent()) {
            progress.reused(LauncherConfig.KAFKA, running.get().pid());
        } else if (!kafka.isExternal()) {
            guardedStart(() -> {
                progress.starting(LauncherConfig.KAFKA);
                startedHere.add(LauncherConfig.KAFKA);
                kafka.start();
            });
        }
        kafka.awaitReady(config.startTimeout());
        if (running.isEmpty()) {
            progress.healthy(LauncherConfig.KAFKA, Duration.ofNanos(System.nanoTime() - begin),
                    (kafka.isExternal() ? "external, " : "") + kafka.bootstrapServers());
        }
    }

    private void startApplications(List<String> names, List<String> startedHere) {
        Map<String, ProcessHandle> starting = new LinkedHashMap<>();
        Map<String, ProcessHandle> reused = new LinkedHashMap<>();
        List<Application> toStart = new ArrayList<>();
        for (String name : names) {
            Application app = applications.get(name);
            Optional<ProcessHandle> running = app.runningProcess();
            if (running.isPresent() && app.runsOlderJarThan(running.get())) {
                progress.message("  " + name + " runs an older jar than " + relative(app.jar()) + "; restarting it");
                progress.stopping(name);
                app.stop(APPLICATION_STOP_GRACE);
                progress.stopped(name);
                running = Optional.empty();
            }
            if (running.isPresent()) {
                progress.reused(name, running.get().pid());
                reused.put(name, running.get());
            } else if (OsProcesses.listening(app.port())) {
                throw new LauncherException("Port " + app.port() + " (" + name + ") is already in use by another program. "
                        + "Stop it, or move the platform with BAZAAR_PORT_OFFSET or " + LauncherConfig.portVariable(name) + ".");
            } else {
                toStart.add(app);
            }
        }
        prepare(toStart);
        Map<String, Long> startTimes = new LinkedHashMap<>();
        for (Application app : toStart) {
            guardedStart(() -> {
                progress.starting(app.name());
                startedHere.add(app.name());
                startTimes.put(app.name(), System.nanoTime());
                starting.put(app.name(), app.start(environment(app.name())));
            });
        }
        awaitHealthy(starting, reused, startTimes);
    }

    /**
     * Waits until the events of the start have reached their consumers (see {@link Backlogs}): twice in a row,
     * because what a consumer handles between the two readings may put new events into its own outbox. A
     * platform that does not settle in time is still up; the caller is told what is behind.
     */
    private void awaitSettled() {
        List<String> services = config.applications().stream().filter(LauncherConfig.SERVICES::contains).toList();
        if (services.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        long deadline = begin + SETTLE_TIMEOUT.toNanos();
        long nextReport = begin + SETTLE_REPORT_EVERY.toNanos();
        try (Backlogs backlogs = new Backlogs(admin, kafka.bootstrapServers())) {
            int cleanReadings = 0;
            List<String> behind = List.of();
            while (cleanReadings < 2) {
                behind = backlogs.inFlight(services);
                cleanReadings = behind.isEmpty() ? cleanReadings + 1 : 0;
                long now = System.nanoTime();
                if (!behind.isEmpty() && now > deadline) {
                    progress.settled(Duration.ofNanos(now - begin), behind);
                    return;
                }
                if (!behind.isEmpty() && now > nextReport) {
                    progress.settling(behind);
                    nextReport = now + SETTLE_REPORT_EVERY.toNanos();
                }
                if (cleanReadings < 2) {
                    sleep(200);
                }
            }
            progress.settled(Duration.ofNanos(System.nanoTime() - begin), behind);
        }
    }

    /** Unpacks the jars for class-data sharing two at a time: the machine has two cores. */
    private void prepare(List<Application> apps) {
        if (apps.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> futures = apps.stream()
                    .map(app -> CompletableFuture.runAsync(app::prepare, pool))
                    .toList();
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        } finally {
            pool.shutdown();
        }
    }

    private void awaitHealthy(Map<String, ProcessHandle> starting, Map<String, ProcessHandle> reused, Map<String, Long> startTimes) {
        Map<String, ProcessHandle> pending = new LinkedHashMap<>(starting);
        pending.putAll(reused);
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (!pending.isEmpty()) {
            for (var iterator = pending.entrySet().iterator(); iterator.hasNext(); ) {
                var entry = iterator.next();
                String name = entry.getKey();
                Application app = applications.get(name);
                if (!entry.getValue().isAlive()) {
                    throw new ComponentFailedException(name, "exited during start-up", OsProcesses.failureTail(app.logFile(), 25));
                }
                if (app.healthy(http)) {
                    iterator.remove();
                    if (startTimes.containsKey(name)) {
                        progress.healthy(name, Duration.ofNanos(System.nanoTime() - startTimes.get(name)),
                                app.url().getAuthority() + ", pid " + entry.getValue().pid());
                    }
                }
            }
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    String name = pending.keySet().iterator().next();
                    throw new ComponentFailedException(name, "was not healthy within " + config.startTimeout().toSeconds()
                            + " s (BAZAAR_START_TIMEOUT)", OsProcesses.failureTail(applications.get(name).logFile(), 25));
                }
                sleep(300);
            }
        }
    }

    /** The environment of an application: where it listens, its database and Kafka, or the gateway's routes. */
    Map<String, String> environment(String application) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(state.port(application)));
        if (LauncherConfig.GATEWAY.equals(application)) {
            for (String service : LauncherConfig.SERVICES) {
                env.put(service.toUpperCase(Locale.ROOT) + "_URL", "http://127.0.0.1:" + state.port(service));
            }
        } else {
            Credentials credentials = credentials(application);
            env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(application));
            env.put("SPRING_DATASOURCE_USERNAME", credentials.username());
            env.put("SPRING_DATASOURCE_PASSWORD", credentials.password());
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        env.putAll(config.environment(application));
        return env;
    }

    /** Stops components in the given order; consecutive applications are stopped together. */
    private void stopComponents(List<String> components) {
        List<String> batch = new ArrayList<>();
        for (String component : components) {
            if (applications.containsKey(component)) {
                batch.add(component);
                continue;
            }
            stopApplications(batch);
            batch.clear();
            Optional<ProcessHandle> running = processOf(component);
            if (running.isPresent()) {
                progress.stopping(component);
                if (LauncherConfig.KAFKA.equals(component)) {
                    kafka.stop();
                } else {
                    postgres.stop();
                }
                progress.stopped(component);
            }
        }
        stopApplications(batch);
    }

    private void stopApplications(List<String> names) {
        Map<String, ProcessHandle> stopping = new LinkedHashMap<>();
        for (String name : names) {
            applications.get(name).signalStop().ifPresent(process -> {
                progress.stopping(name);
                stopping.put(name, process);
            });
        }
        long deadline = System.nanoTime() + APPLICATION_STOP_GRACE.toNanos();
        for (Map.Entry<String, ProcessHandle> entry : stopping.entrySet()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!OsProcesses.awaitExit(entry.getValue(), left)) {
                entry.getValue().destroyForcibly();
                OsProcesses.awaitExit(entry.getValue(), Duration.ofSeconds(10));
            }
            applications.get(entry.getKey()).forgetPid();
            progress.stopped(entry.getKey());
        }
    }

    private ComponentStatus statusOf(String component) {
        Optional<ProcessHandle> process = processOf(component);
        boolean external = LauncherConfig.POSTGRES.equals(component) && postgres.isExternal()
                || LauncherConfig.KAFKA.equals(component) && kafka.isExternal();
        ComponentStatus.Health health;
        long memory;
        switch (component) {
            case LauncherConfig.POSTGRES -> {
                health = process.isPresent() || external ? (postgres.healthy() ? ComponentStatus.Health.UP : ComponentStatus.Health.DOWN)
                        : ComponentStatus.Health.STOPPED;
                memory = postgres.memoryBytes();
            }
            case LauncherConfig.KAFKA -> {
                health = process.isPresent() || external ? (kafka.healthy() ? ComponentStatus.Health.UP : ComponentStatus.Health.DOWN)
                        : ComponentStatus.Health.STOPPED;
                memory = kafka.memoryBytes();
            }
            default -> {
                Application app = applications.get(component);
                health = process.isPresent() ? (app.healthy(http) ? ComponentStatus.Health.UP : ComponentStatus.Health.DOWN)
                        : ComponentStatus.Health.STOPPED;
                memory = app.memoryBytes();
            }
        }
        Duration uptime = process.flatMap(handle -> handle.info().startInstant())
                .map(started -> Duration.between(started, Instant.now()))
                .orElse(Duration.ZERO);
        return new ComponentStatus(component, process.map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty()),
                state.address(component), health, memory, uptime, external);
    }

    /** Whether {@link #stop()} has been called: the platform is going away on purpose. */
    boolean isStopping() {
        synchronized (lifecycle) {
            return stopped;
        }
    }

    /** Whether a component's process (embedded server or application) runs under this home. */
    boolean runs(String component) {
        return processOf(component).isPresent();
    }

    private Optional<ProcessHandle> processOf(String component) {
        return switch (component) {
            case LauncherConfig.POSTGRES -> postgres.runningProcess();
            case LauncherConfig.KAFKA -> kafka.runningProcess();
            default -> applications.get(component).runningProcess();
        };
    }

    /**
     * Runs a start step unless the platform is being stopped; {@link #stop()} waits for steps under way, so
     * that a Ctrl-C during start-up leaks no process.
     */
    private void guardedStart(Runnable step) {
        synchronized (lifecycle) {
            if (stopped) {
                throw new LauncherException("The platform is stopping");
            }
            startsInFlight++;
        }
        try {
            step.run();
        } finally {
            synchronized (lifecycle) {
                startsInFlight--;
                lifecycle.notifyAll();
            }
        }
    }

    private void requireManaged(String component) {
        if (LauncherConfig.POSTGRES.equals(component) && postgres.isExternal()
                || LauncherConfig.KAFKA.equals(component) && kafka.isExternal()) {
            throw new LauncherException(component + " is an external server; the launcher does not manage it.");
        }
    }

    static void requireComponent(String component) {
        if (!LauncherConfig.COMPONENTS.contains(component)) {
            throw new IllegalArgumentException("Unknown component: " + component
                    + " (one of " + String.join(", ", LauncherConfig.COMPONENTS) + ")");
        }
    }

    private void removeExitHook() {
        synchronized (lifecycle) {
            if (exitHook != null && Thread.currentThread() != exitHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(exitHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down.
                }
            }
            exitHook = null;
        }
    }

    private String relative(Path path) {
        Path base = Path.of("").toAbsolutePath();
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }

    private static Path stateFile(LauncherConfig config) {
        return config.home().resolve("run").resolve("platform.properties");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted");
        }
    }
}
