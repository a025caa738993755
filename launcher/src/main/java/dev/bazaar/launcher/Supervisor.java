package dev.bazaar.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import dev.bazaar.platform.topology.Topology;

/**
 * Every process of the platform, started, replaced and stopped in the order of the map. This is the one place
 * that decides what runs:
 * <ul>
 * <li><b>start</b>: wave by wave ({@link Topology#startWaves()}), each component once what it waits for is
 *     healthy; a service with {@code instances: n} as n JVMs;</li>
 * <li><b>restart</b> (a redeploy): a service's instances one at a time, each new one healthy and in the gateway's
 *     {@link Registry} before an old one leaves it and drains;</li>
 * <li><b>scale</b>: instances added once healthy, removed once the gateway no longer sends them anything;</li>
 * <li><b>stop</b>: the last wave first, each part gracefully (an application finishes what it holds, Kafka
 *     closes its logs, PostgreSQL ends its sessions).</li>
 * <li><b>heal</b>: what failed by itself is brought back.</li>
 * </ul>
 * A Ctrl-C during a start stops what was started: {@link #stopAll()} waits for a process being spawned.
 */
final class Supervisor {

    private static final Duration GATEWAY_SWITCH = Duration.ofSeconds(5);
    /** How many checks running a part must be down before {@link #heal()} acts: one could see a stop under way. */
    private static final int CHECKS_BEFORE_HEALING = 2;
    /**
     * What the gateway knows the shop by when the shop passes its visitors' requests on: who is signed in is said by
     * their token, and who is not, by the address the shop vouches for with this secret.
     */
    private static final String PROXY_SECRET = "gateway.proxy.secret";

    private final LauncherConfig config;
    private final RuntimeState state;
    private final ProgressListener progress;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Identity identity;
    private final Secrets secrets;
    private final HttpClient http;
    private final Registry registry;
    private final Object lifecycle = new Object();
    private boolean stopping;
    private int startsInFlight;
    /** For {@link #heal()}: how many checks running each part has been seen crashed or not live. */
    private final Map<String, Integer> failedChecks = new HashMap<>();

    Supervisor(LauncherConfig config, RuntimeState state, ProgressListener progress, PostgresServer postgres,
               KafkaServer kafka, Identity identity, Secrets secrets, HttpClient http) {
        this.config = config;
        this.state = state;
        this.progress = progress;
        this.postgres = postgres;
        this.kafka = kafka;
        this.identity = identity;
        this.secrets = secrets;
        this.http = http;
        this.registry = new Registry(config.home(), http);
    }

    // ---- what runs

    private Topology topology() {
        return config.topology();
    }

    Instance instance(String component, int number) {
        return new Instance(topology().component(component), number, config, state, http, this::environment);
    }

    /** An instance by its id, {@code ordering} or {@code ordering-2}. */
    Optional<Instance> instance(String id) {
        return topology().applications().stream()
                .flatMap(application -> IntStream.rangeClosed(1, Topology.MAX_INSTANCES).mapToObj(number -> instance(application.name(), number)))
                .filter(instance -> instance.id().equals(id)).findFirst();
    }

    /** The running instances of an application, by number. */
    List<Instance> instances(String component) {
        return allInstances(component).filter(Instance::runs).toList();
    }

    private Stream<Instance> allInstances(String component) {
        return IntStream.rangeClosed(1, Topology.MAX_INSTANCES).mapToObj(number -> instance(component, number));
    }

    /** The parts a name stands for: PostgreSQL, Kafka, every running instance of an application, or one instance. */
    List<Part> parts(String name) {
        Optional<Component> component = topology().find(name);
        if (component.isEmpty()) {
            return instance(name).stream().map(Part.class::cast).toList();
        }
        return server(component.get()).map(List::of).orElseGet(() -> List.copyOf(instances(name)));
    }

    /** PostgreSQL or Kafka, for their component; empty for an application. */
    private Optional<Part> server(Component component) {
        return switch (component.kind()) {
            case POSTGRES -> Optional.of(postgres);
            case KAFKA -> Optional.of(kafka);
            default -> Optional.empty();
        };
    }

    /** Whether it was started and died without being stopped: its pid file is left, its process gone. */
    private static boolean crashed(Part part) {
        return !part.isExternal() && OsProcesses.readPid(part.pidFile()).isPresent() && part.process().isEmpty();
    }

    // ---- start

    /**
     * Starts what of these components is not running yet, wave by wave, and returns once all are healthy. On a
     * failure, what this call started is stopped again and the failure thrown.
     */
    void start(Collection<String> components) {
        List<Part> startedHere = Collections.synchronizedList(new ArrayList<>());
        // What nothing waits for (the gateway, Zipkin, the console) need not hold up the next wave: it is awaited at the end.
        Set<String> awaited = topology().components().stream().flatMap(component -> component.waitsFor().stream())
                .collect(java.util.stream.Collectors.toSet());
        List<Part> awaitedLast = new ArrayList<>();
        Map<Part, Long> started = new HashMap<>();
        try {
            publishRegistry(components, Set.of());
            for (List<Component> wave : topology().startWaves()) {
                List<Part> parts = new ArrayList<>();
                for (Component component : wave) {
                    if (components.contains(component.name())) {
                        parts.addAll(wanted(component));
                    }
                }
                started.putAll(startTogether(parts, startedHere));
                List<Part> waitedFor = parts.stream().filter(part -> awaited.contains(componentOf(part))).toList();
                awaitedLast.addAll(parts.stream().filter(part -> !waitedFor.contains(part)).toList());
                awaitHealthy(waitedFor, started);
                if (wave.stream().anyMatch(component -> component.kind() == Kind.POSTGRES && components.contains(component.name()))) {
                    postgres.provision(topology().services().stream().map(Component::database).toList());
                    postgres.writeEnvironmentFile(config.home().resolve("postgres.env"));
                }
                if (wave.stream().anyMatch(component -> component.kind() == Kind.KAFKA && components.contains(component.name()))) {
                    kafka.grantAccess();
                }
            }
            awaitHealthy(awaitedLast, started);
            publishRegistry(List.of(), Set.of());
        } catch (RuntimeException e) {
            if (e instanceof ComponentFailedException failure) {
                progress.failed(failure.component(), failure.reason(), failure.logTail());
            }
            List<Part> reversed = new ArrayList<>(startedHere);
            Collections.reverse(reversed);
            stopTogether(reversed);
            throw e;
        }
    }

    /** The parts a component needs: the server, or as many instances as the map says (running ones count). */
    private List<Part> wanted(Component component) {
        if (server(component).isPresent()) {
            return List.of(server(component).get());
        }
        List<Part> wanted = new ArrayList<>();
        for (Instance instance : instances(component.name())) {
            if (instance.runsAnOlderJar()) {
                progress.message("  " + instance.id() + " runs an older jar than its build; restarting it");
                stopTogether(List.of(instance));
            } else {
                wanted.add(instance);
            }
        }
        while (wanted.size() < component.instances()) {
            wanted.add(freeInstance(component, wanted));
        }
        return wanted;
    }

    private void startAndAwait(List<Part> parts, List<Part> startedHere) {
        awaitHealthy(parts, startTogether(parts, startedHere));
    }

    private static String componentOf(Part part) {
        return part instanceof Instance instance ? instance.component().name() : part.id();
    }

    /** Starts those parts that do not run yet, all at once; returns when each was started (to await it healthy). */
    private Map<Part, Long> startTogether(List<Part> parts, List<Part> startedHere) {
        Map<Part, Long> started = new LinkedHashMap<>();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Part part : parts) {
            Optional<ProcessHandle> running = part.process();
            if (running.isPresent()) {
                progress.line(part.id(), "already running (pid " + running.get().pid() + ")");
                continue;
            }
            started.put(part, System.nanoTime());
            OsProcesses.deleteQuietly(part.killedMarker());
            starts.add(CompletableFuture.runAsync(() -> guarded(() -> {
                progress.line(part.id(), "starting");
                startedHere.add(part);
                part.start();
            })));
        }
        join(starts);
        return started;
    }

    private void awaitHealthy(List<Part> parts, Map<Part, Long> started) {
        List<Part> pending = new ArrayList<>(parts);
        Set<Part> missedOnce = new HashSet<>();
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (!pending.isEmpty()) {
            for (var iterator = pending.iterator(); iterator.hasNext(); ) {
                Part part = iterator.next();
                Optional<ProcessHandle> process = part.process();
                // Seen gone twice, 300 ms apart: while a process execs (setsid becoming java) its command line reads
                // empty for a moment, and a loaded machine once made that moment a false "exited".
                if (process.isEmpty() && !part.isExternal() && !missedOnce.add(part)) {
                    throw new ComponentFailedException(part.id(), "exited during start-up", OsProcesses.failureTail(part.logFile(), 25));
                }
                if (process.isPresent()) {
                    missedOnce.remove(part);
                }
                if (part.healthy()) {
                    iterator.remove();
                    if (started.containsKey(part)) {
                        progress.healthy(part.id(), Duration.ofNanos(System.nanoTime() - started.get(part)), (part.isExternal()
                                ? "external, " : "") + part.address() + process.map(handle -> ", pid " + handle.pid()).orElse(""));
                    }
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                Part late = pending.get(0);
                throw new ComponentFailedException(late.id(), "was not healthy within " + config.startTimeout().toSeconds()
                        + " s (BAZAAR_START_TIMEOUT)", late.isExternal() ? List.of() : OsProcesses.failureTail(late.logFile(), 25));
            }
            if (!pending.isEmpty()) {
                Poll.sleep(300);
            }
        }
    }

    /** What an application is told by its environment: its port, and its database and Kafka, or where the services are. */
    private Map<String, String> environment(Instance instance) {
        Component component = instance.component();
        Map<String, String> env = new LinkedHashMap<>();
        if (component.kind() == Kind.ZIPKIN) {
            // Spans in memory, bounded: the newest ~20,000 (some 800 orders), in a heap of under 200 MB.
            env.put("STORAGE_TYPE", "mem");
            env.put("MEM_MAX_SPANS", "20000");
            env.putAll(config.environment(component.name()));
            return env;
        }
        env.put("SERVER_PORT", Integer.toString(instance.port()));
        // Readable lines go to the console (logs/<instance>.log); the same as JSON lines to logs/<instance>.json.
        env.put("LOGGING_FILE_NAME", instance.logFile().resolveSibling(instance.id() + ".json").toString());
        // Spans go to the platform's Zipkin; without one in the map, nowhere.
        firstUrl(Kind.ZIPKIN).ifPresentOrElse(zipkin -> env.put("BAZAAR_ZIPKIN", zipkin.toString()),
                () -> env.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "false"));
        component.databaseName().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", postgres.serviceJdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", database);
            env.put("SPRING_DATASOURCE_PASSWORD", postgres.password(database));
        });
        if (component.usesKafka()) {
            env.putAll(kafka.serviceEnvironment(component.name()));
        }
        if (component.kind() == Kind.GATEWAY) {
            env.put("BAZAAR_GATEWAY_INSTANCES_FILE", registry.file().toString());
            // The shop passes its visitors' requests on; with this secret the gateway counts each visitor by address.
            env.put("BAZAAR_GATEWAY_RATE_LIMITS_PROXY_SECRET", secrets.secret(PROXY_SECRET));
        }
        if (component.kind() == Kind.CONSOLE) {
            // The services' instances, as the gateway finds them; and the shop, which it watches too.
            env.put("CONSOLE_INSTANCES_FILE", registry.file().toString());
            firstUrl(Kind.STOREFRONT).ifPresent(shop -> env.put("CONSOLE_STOREFRONT", shop.toString()));
        }
        if (component.kind() == Kind.STOREFRONT) {
            // Staff's pages link to the console.
            firstUrl(Kind.CONSOLE).ifPresent(console -> env.put("BAZAAR_CONSOLE", console.toString()));
            env.put("STOREFRONT_PROXY_SECRET", secrets.secret(PROXY_SECRET));
        }
        if (isBrowserClient(component)) {
            // Its secret as identity's client, whose id is its kind: CONSOLE_CLIENT_SECRET, STOREFRONT_CLIENT_SECRET.
            env.put(component.kind().name() + "_CLIENT_SECRET", identity.clientSecret(component.kind().label()));
        }
        // Where tokens come from (identity, through the gateway): for the services' API documents' sign-in, the
        // gateway's token checks and the console's sign-in, whatever the port offset.
        URI issuer = instance("gateway", 1).url();
        env.put("BAZAAR_ISSUER", issuer.toString());
        if (component.name().equals(Identity.COMPONENT)) {
            Map<String, URI> browserClients = new LinkedHashMap<>();
            topology().applications().stream().filter(Supervisor::isBrowserClient)
                    .forEach(client -> browserClients.put(client.kind().label(), instance(client.name(), 1).url()));
            env.putAll(identity.environment(issuer, browserClients));
        }
        env.putAll(config.environment(component.name()));
        return env;
    }

    /**
     * Where instance 1 of the map's component of this kind listens, e.g. {@code http://127.0.0.1:9411}: an instance's
     * address never ends in a slash, so a path can be appended to it.
     */
    private Optional<URI> firstUrl(Kind kind) {
        return topology().ofKind(kind).stream().findFirst().map(component -> instance(component.name(), 1).url());
    }

    /** The applications people sign in to with a browser, each identity's client under its kind's name. */
    private static boolean isBrowserClient(Component component) {
        return component.kind() == Kind.CONSOLE || component.kind() == Kind.STOREFRONT;
    }

    // ---- restart and scale

    /**
     * Redeploys a component. A service's instances are replaced one at a time: a new instance starts on a free port,
     * becomes healthy and joins the gateway's registry; then an old one leaves the registry and, once the gateway
     * routes without it, stops gracefully, finishing the requests and messages it holds. So the service serves
     * throughout. Crashed instances are replaced first. The gateway, Kafka and PostgreSQL stop and start again.
     */
    void restart(String name) {
        Component component = topology().component(name);
        if (component.kind() != Kind.SERVICE) {
            stopTogether(parts(name));
            start(List.of(name));
            return;
        }
        List<Instance> old = instances(name);
        List<Instance> crashed = allInstances(name).filter(Supervisor::crashed).toList();
        if (old.isEmpty() && crashed.isEmpty()) {
            start(List.of(name));
            return;
        }
        crashed.forEach(instance -> OsProcesses.deleteQuietly(instance.pidFile()));
        for (Instance lost : crashed) {
            String why = Files.exists(lost.killedMarker()) ? " (it was killed)" : " (it had crashed)";
            String fresh = add(component, 1).get(0).id();
            progress.message("  " + (fresh.equals(lost.id()) ? fresh + " is back" : fresh + " replaces " + lost.id()) + why);
        }
        for (Instance retiring : old) {
            progress.message("  " + add(component, 1).get(0).id() + " replaces " + retiring.id() + "; draining " + retiring.id());
            retire(List.of(retiring));
        }
    }

    /** Runs {@code count} instances of a service (0 to {@value Topology#MAX_INSTANCES}), adding or retiring the difference. */
    void scale(String name, int count) {
        Component component = topology().component(name);
        if (component.kind() != Kind.SERVICE) {
            throw new LauncherException("Only services scale; " + name + " is a " + component.kind().label());
        }
        if (count < 0 || count > Topology.MAX_INSTANCES) {
            throw new LauncherException("A service runs 0 to " + Topology.MAX_INSTANCES + " instances, not " + count);
        }
        // A scale says how many run from now on: instances that crashed are not coming back by themselves.
        allInstances(name).filter(Supervisor::crashed).forEach(instance -> OsProcesses.deleteQuietly(instance.pidFile()));
        List<Instance> running = instances(name);
        if (count > running.size()) {
            add(component, count - running.size());
        } else if (count < running.size()) {
            retire(running.subList(count, running.size()));
        }
    }

    /** Starts more instances of a service on free numbers; once they are healthy, the gateway balances over them too. */
    private List<Instance> add(Component service, int count) {
        List<Part> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(freeInstance(service, added));
        }
        List<Part> startedHere = new ArrayList<>();
        try {
            startAndAwait(added, startedHere);
        } catch (RuntimeException e) {
            stopTogether(startedHere);
            throw e;
        }
        publishRegistry(List.of(), Set.of());
        return added.stream().map(Instance.class::cast).toList();
    }

    /** Takes instances out of the gateway's registry, waits until the gateway routes without them, then stops them. */
    private void retire(List<Instance> retiring) {
        Set<String> leaving = Set.copyOf(retiring.stream().map(Instance::id).toList());
        long version = publishRegistry(List.of(), leaving);
        Optional<Instance> gateway = topology().ofKind(Kind.GATEWAY).stream().flatMap(component -> instances(component.name()).stream()).findFirst();
        if (gateway.isPresent() && !registry.awaitGateway(gateway.get().url(), version, GATEWAY_SWITCH)) {
            progress.message("  the gateway did not confirm the change within " + GATEWAY_SWITCH.toSeconds() + " s; stopping "
                    + String.join(", ", leaving) + " anyway");
        }
        stopTogether(List.copyOf(retiring));
        publishRegistry(List.of(), Set.of());
    }

    private Instance freeInstance(Component service, List<Part> taken) {
        return allInstances(service.name())
                .filter(candidate -> taken.stream().noneMatch(other -> other.id().equals(candidate.id())))
                .filter(candidate -> !candidate.runs() && !OsProcesses.listening(candidate.port()))
                .findFirst()
                .orElseThrow(() -> new LauncherException("No free instance of " + service.name() + ": all " + Topology.MAX_INSTANCES
                        + " ports from " + state.port(service.name()) + " up in steps of " + RuntimeState.INSTANCE_PORT_STEP + " are taken"));
    }

    /**
     * Writes the gateway's registry: every running instance of every service except those leaving; and, for a service
     * about to start with nothing running, the instances the map asks for, so that the gateway knows where they will be.
     */
    private long publishRegistry(Collection<String> starting, Set<String> leaving) {
        Map<String, List<URI>> routes = new LinkedHashMap<>();
        for (Component service : topology().services()) {
            List<Instance> running = instances(service.name());
            List<Instance> listed = running.isEmpty() && starting.contains(service.name())
                    ? allInstances(service.name()).limit(service.instances()).toList() : running;
            routes.put(service.name(), listed.stream().filter(instance -> !leaving.contains(instance.id())).map(Instance::url).toList());
        }
        return registry.publish(routes);
    }

    // ---- stop and kill

    /**
     * Stops everything, the last wave first, the parts of a wave together. Data stays under the home. Waits for a
     * process being spawned right now, so that none escapes.
     */
    void stopAll() {
        synchronized (lifecycle) {
            stopping = true;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (startsInFlight > 0 && System.nanoTime() < deadline) {
                try {
                    lifecycle.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (everyPart().stream().flatMap(part -> part.process().stream())
                .anyMatch(process -> ClassDataArchive.writtenAtExit(process.pid()))) {
            progress.message("  the JVMs write their class-data archives as they stop: slower this once after a build, "
                    + "about half the start-up time from the next start on");
        }
        List<List<Component>> waves = new ArrayList<>(topology().startWaves());
        Collections.reverse(waves);
        for (List<Component> wave : waves) {
            stopTogether(wave.stream().flatMap(component -> parts(component.name()).stream()).toList());
        }
        // What crashed before is not expected back.
        everyPart().stream().filter(Supervisor::crashed).forEach(part -> {
            OsProcesses.deleteQuietly(part.pidFile());
            OsProcesses.deleteQuietly(part.killedMarker());
        });
    }

    boolean isStopping() {
        synchronized (lifecycle) {
            return stopping;
        }
    }

    /** Stops a component, every instance of it, or one instance (by its id), gracefully. */
    void stop(String name) {
        stopTogether(parts(name));
        publishRegistry(List.of(), Set.of());
    }

    /** Stops parts at once (SIGTERM to all, then each waited for), reporting each; what does not run is skipped. */
    private void stopTogether(List<Part> parts) {
        join(parts.stream().filter(part -> part.process().isPresent()).map(part -> CompletableFuture.runAsync(() -> {
            progress.line(part.id(), "stopping");
            part.stop();
            progress.line(part.id(), "stopped");
        })).toList());
    }

    /**
     * SIGKILL, as a crash would: a component (every instance of it) or one instance. Returns the pids killed. Killed
     * on purpose, it stays down until started again: {@link #heal()} leaves it.
     */
    List<Long> kill(String name) {
        List<Long> killed = new ArrayList<>();
        for (Part part : parts(name)) {
            part.process().ifPresent(process -> {
                killed.add(process.pid());
                OsProcesses.writeMarker(part.killedMarker());
            });
            part.kill();
        }
        return killed;
    }

    // ---- heal

    /**
     * Brings back what failed by itself, as a process supervisor would: a part that crashed (its pid file left, its
     * process gone, not killed on purpose), and an instance whose liveness is DOWN (killed first: a JVM that answers
     * HTTP but no longer relays its outbox or reads its topics is worse than none). Each must be seen so
     * {@value #CHECKS_BEFORE_HEALING} checks running, so that a stop under way is not mistaken for a crash. Returns
     * the ids brought back.
     */
    List<String> heal() {
        List<Part> failing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Part part : everyPart()) {
            boolean crashed = crashed(part) && !Files.exists(part.killedMarker());
            boolean notLive = !crashed && part.process().isPresent() && part.saysNotLive();
            if (!crashed && !notLive) {
                continue;
            }
            seen.add(part.id());
            if (failedChecks.merge(part.id(), 1, Integer::sum) >= CHECKS_BEFORE_HEALING) {
                progress.message("  " + part.id() + (crashed ? " crashed" : " says it is not live (see its log)") + "; starting it again");
                failing.add(part);
            }
        }
        failedChecks.keySet().retainAll(seen);
        List<String> healed = new ArrayList<>();
        for (Part part : failing) {
            failedChecks.remove(part.id());
            part.kill();
            OsProcesses.deleteQuietly(part.pidFile());
            if (part instanceof Instance) {
                startAndAwait(List.of(part), new ArrayList<>());
                publishRegistry(List.of(), Set.of());
            } else {
                start(List.of(part.id()));
            }
            healed.add(part.id());
        }
        return healed;
    }

    private List<Part> everyPart() {
        return Stream.concat(Stream.of(postgres, kafka), topology().applications().stream().flatMap(app -> allInstances(app.name())))
                .map(Part.class::cast).toList();
    }

    // ---- helpers

    /** Runs a start step unless the platform is being stopped; {@link #stopAll()} waits for steps under way. */
    private void guarded(Runnable step) {
        synchronized (lifecycle) {
            if (stopping) {
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

    /** Waits for every one, failed or not (allOf completes only then), and throws the first failure. */
    private static void join(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
