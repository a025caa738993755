package dev.bazaar.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The counter-example of {@code samples/distributed-monolith}, run beside the platform for {@code ./bazaar compare}:
 * its four services as processes of their own, with the JVM settings of Bazaar's services, on one database of the
 * platform's PostgreSQL, all as one login (that is the sample's point). Started one after the other, as its
 * {@code depends_on} chain asks (they would also race to create their shared schema); stopped when closed.
 */
final class Monolith implements AutoCloseable {

    static final Path SAMPLE = Path.of("samples", "distributed-monolith");
    /** In the order they must start: the order service calls the other three. */
    private static final List<String> SERVICES = List.of("user-service", "product-service", "payment-service", "order-service");
    /** The sample's own ports (its README and docker-compose.yml), shifted as the platform's are. */
    private static final Map<String, Integer> PORTS = Map.of("user-service", 8201, "product-service", 8202,
            "order-service", 8203, "payment-service", 8204);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final List<ProcessHandle> processes = new ArrayList<>();
    private final int portOffset;

    private Monolith(int portOffset) {
        this.portOffset = portOffset;
    }

    /** Builds the sample when its jars are missing or older than its sources, and starts it. */
    static Monolith start(Platform platform, ProgressListener progress) {
        LauncherConfig config = platform.config();
        Path sample = config.repoRoot().resolve(SAMPLE);
        buildIfStale(config, sample);
        Monolith monolith = new Monolith(config.portOffset());
        for (String service : SERVICES) {
            int port = monolith.port(service);
            if (OsProcesses.listening(port)) {
                throw new LauncherException("Port " + port + " for the distributed monolith's " + service
                        + " is taken (a comparison still running?)");
            }
        }
        Credentials database = platform.sampleDatabase("shop");
        Path logs = config.home().resolve("logs");
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                List<String> command = new ArrayList<>();
                command.add(config.javaExecutable().toString());
                command.addAll(config.topology().component("ordering").jvm());
                Path temporary = Instance.temporaryDirectory(config, "monolith-" + service);
                Instance.emptyDirectory(temporary);
                command.add("-Djava.io.tmpdir=" + temporary);
                // On the loopback only, as the platform's services: the sample's endpoints are open to any caller.
                command.addAll(List.of("-jar", jar(sample, service).toString(), "--server.address=127.0.0.1",
                        "--shop.users-url=" + monolith.url("user-service"),
                        "--shop.products-url=" + monolith.url("product-service"),
                        "--shop.payments-url=" + monolith.url("payment-service")));
                Path log = logs.resolve("monolith-" + service + ".log");
                OsProcesses.rotate(log);
                long begin = System.nanoTime();
                progress.line("monolith " + service, "starting");
                long pid = OsProcesses.spawn(command, 0, config.repoRoot(), log, Map.of(
                        "SERVER_PORT", Integer.toString(monolith.port(service)),
                        "SPRING_DATASOURCE_URL", platform.postgresJdbcUrl(database.username()),
                        "SPRING_DATASOURCE_USERNAME", database.username(),
                        "SPRING_DATASOURCE_PASSWORD", database.password()));
                ProcessHandle process = ProcessHandle.of(pid).orElse(null);
                if (process != null) {
                    monolith.processes.add(process);
                }
                monolith.awaitHealthy(service, process, log);
                progress.healthy("monolith " + service, Duration.ofNanos(System.nanoTime() - begin), monolith.url(service).toString());
            }
        } catch (IOException | RuntimeException e) {
            monolith.close();
            throw e instanceof LauncherException launcher ? launcher
                    : new LauncherException("The distributed monolith did not start: " + e.getMessage(), e);
        }
        return monolith;
    }

    URI url(String service) {
        return URI.create("http://127.0.0.1:" + port(service));
    }

    private int port(String service) {
        return PORTS.get(service) + portOffset;
    }

    private void awaitHealthy(String service, ProcessHandle process, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        boolean healthy = Poll.until(START_TIMEOUT, Duration.ofMillis(500), () -> {
            if (process == null || !process.isAlive()) {
                throw new LauncherException("The distributed monolith's " + service + " exited at start: "
                        + String.join(" / ", OsProcesses.failureTail(log, 5)) + " (" + log + ")");
            }
            return Http.get(http, url(service).resolve("/actuator/health"), Duration.ofSeconds(2))
                    .filter(response -> response.statusCode() == 200).isPresent();
        });
        if (!healthy) {
            throw new LauncherException("The distributed monolith's " + service + " was not healthy within "
                    + START_TIMEOUT.toSeconds() + " s (" + log + ")");
        }
    }

    private static void buildIfStale(LauncherConfig config, Path sample) {
        FileTime sources = Build.newestIn(sample).orElse(FileTime.fromMillis(0));
        if (SERVICES.stream().noneMatch(service -> Build.isStale(Build.newestIn(jar(sample, service)), Optional.empty(), sources))) {
            return;
        }
        List<String> command = new ArrayList<>(config.mavenCommand());
        command.addAll(List.of("-B", "-q", "-DskipTests", "-f", sample.resolve("pom.xml").toString(), "package"));
        Path log = config.home().resolve("logs").resolve("build-monolith.log");
        try {
            Files.createDirectories(log.getParent());
            OptionalInt exit = OsProcesses.run("building the distributed monolith", command, config.repoRoot(), log, BUILD_TIMEOUT);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new LauncherException("Building the distributed monolith failed; the output is in " + log);
            }
        } catch (IOException e) {
            throw new LauncherException("Could not run Maven to build the distributed monolith: " + e.getMessage(), e);
        }
    }

    private static Path jar(Path sample, String service) {
        return sample.resolve(service).resolve("target").resolve(service + ".jar");
    }

    /** Stops every service of it, the last started first. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            OsProcesses.terminate(processes.get(i), Duration.ofSeconds(10));
        }
        processes.clear();
    }
}
