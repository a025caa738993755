package dev.bazaar.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import org.apache.commons.io.FileUtils;

/**
 * One JVM of an application (a service, the gateway, Zipkin or the console). Instance 1 is named after its component
 * ({@code ordering}), the others after their number ({@code ordering-2}); each has its own port, pid file
 * and log: {@code run/ordering-2.pid}, {@code logs/ordering-2.log}.
 */
final class Instance implements Part {

    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    /** A lock per component, held while its jar is unpacked. */
    private static final Map<String, Object> UNPACKING = new ConcurrentHashMap<>();

    private final Component component;
    private final int number;
    private final LauncherConfig config;
    private final RuntimeState state;
    private final HttpClient http;
    private final Function<Instance, Map<String, String>> environment;

    /** @param environment what the instance is told: its port, its database and Kafka (see {@link Supervisor}) */
    Instance(Component component, int number, LauncherConfig config, RuntimeState state, HttpClient http,
             Function<Instance, Map<String, String>> environment) {
        this.component = component;
        this.number = number;
        this.config = config;
        this.state = state;
        this.http = http;
        this.environment = environment;
    }

    @Override
    public String id() {
        return number == 1 ? component.name() : component.name() + "-" + number;
    }

    Component component() {
        return component;
    }

    int port() {
        return state.port(component.name(), number);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public boolean isExternal() {
        return false;
    }

    @Override
    public Path logFile() {
        return config.home().resolve("logs").resolve(id() + ".log");
    }

    @Override
    public Path pidFile() {
        return config.home().resolve("run").resolve(id() + ".pid");
    }

    private Path jar() {
        return config.jar(component.name());
    }

    @Override
    public Optional<ProcessHandle> process() {
        // The trailing space tells ordering from ordering-2: the marker is never the last argument.
        return OsProcesses.fromPidFile(pidFile(), "-Dbazaar.instance=" + id() + " ", "-Dbazaar.home=" + config.home());
    }

    boolean runs() {
        return process().isPresent();
    }

    /** Whether the jar was rebuilt after this process started, so that it runs old code. */
    boolean runsAnOlderJar() {
        Optional<Instant> started = process().flatMap(process -> process.info().startInstant());
        try {
            return started.isPresent() && Files.getLastModifiedTime(jar()).toInstant().isAfter(started.get());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Unpacks the jar for class-data sharing ({@link ClassDataArchive}): an archive covers only classes from plain jars
     * on the class path, not those nested in a Spring Boot jar. Every instance of a component shares the unpacked
     * directory, and instances may start together: one unpacks, the others wait for it.
     */
    private void unpack() {
        synchronized (UNPACKING.computeIfAbsent(component.name(), name -> new Object())) {
            Path directory = extractedDirectory();
            Path stamp = extractionStamp();
            try {
                String source = jar() + " " + Files.getLastModifiedTime(jar()).toMillis() + " " + Files.size(jar());
                if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                    return;
                }
                FileUtils.deleteDirectory(directory.toFile());
                Files.createDirectories(directory.getParent());
                Files.createDirectories(logFile().getParent());
                List<String> extract = List.of(config.javaExecutable().toString(), "-Djarmode=tools", "-jar", jar().toString(),
                        "extract", "--destination", directory.toString());
                if (OsProcesses.run("unpacking " + jar(), extract, config.repoRoot(), logFile(), Duration.ofMinutes(2))
                        .orElse(-1) != 0) {
                    throw new ComponentFailedException(id(), "could not unpack " + jar(), OsProcesses.failureTail(logFile(), 20));
                }
                Files.writeString(stamp, source, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LauncherException("Could not unpack " + jar() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Starts the JVM with the JVM options of the map; returns once it is spawned. */
    @Override
    public void start() {
        if (!Files.isRegularFile(jar())) {
            throw new LauncherException(config.repoRoot().relativize(jar()) + " is missing: build it with "
                    + "'./mvnw -DskipTests package' (./bazaar up does that by itself).");
        }
        if (OsProcesses.listening(port())) {
            throw new LauncherException("Port " + port() + " (" + id() + ") is already in use by another program. "
                    + "Stop it, or move the platform with BAZAAR_PORT_OFFSET.");
        }
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.addAll(component.jvm());
        Path runnable = jar();
        if (config.classDataArchives()) {
            unpack();
            runnable = extractedDirectory().resolve(jar().getFileName());
            List<String> jvm = new ArrayList<>(command);
            jvm.addAll(config.jvmOptions());
            try {
                command.addAll(ClassDataArchive.options(config.home().resolve("cds").resolve(component.name() + ".jsa"), jvm,
                        Files.readString(extractionStamp()) + " in " + extractedDirectory(), number == 1));
            } catch (IOException e) {
                throw new LauncherException("Could not prepare " + id() + "'s class-data archive: " + e.getMessage(), e);
            }
        }
        command.add("-Dbazaar.instance=" + id());
        command.add("-Dbazaar.home=" + config.home());
        Path temporary = temporaryDirectory(config, id());
        command.add("-Djava.io.tmpdir=" + temporary);
        if (component.kind() == Kind.ZIPKIN) {
            // Zipkin's server listens on every interface unless told otherwise; a local platform keeps to loopback.
            command.add("-Darmeria.ports[0].ip=127.0.0.1");
            command.add("-Darmeria.ports[0].port=" + port());
            command.add("-Darmeria.ports[0].protocols=http");
        }
        command.addAll(config.jvmOptions());
        command.add("-jar");
        command.add(runnable.toString());
        try {
            emptyDirectory(temporary);
            Files.createDirectories(logFile().getParent());
            OsProcesses.rotate(logFile());
            Files.writeString(logFile(), "---- " + Instant.now() + " starting " + id() + " on port " + port() + " ----\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            OsProcesses.writePid(pidFile(), OsProcesses.spawn(command, component.nice(), config.repoRoot(), logFile(), environment.apply(this)));
        } catch (IOException e) {
            throw new LauncherException("Could not start " + id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where a JVM of the platform keeps its temporary files (Tomcat's work directory, junixsocket's native library for
     * the PostgreSQL socket): a directory of its own under the home, emptied when it starts ({@link #emptyDirectory}).
     * In /tmp, Tomcat left a new directory at every start that nothing deleted, and a machine may mount /tmp noexec.
     */
    static Path temporaryDirectory(LauncherConfig config, String process) {
        return config.home().resolve("tmp").resolve(process);
    }

    static void emptyDirectory(Path directory) throws IOException {
        FileUtils.deleteDirectory(directory.toFile());
        Files.createDirectories(directory);
    }

    /** Whether {@code /actuator/health} answers {@code {"status":"UP"}}. */
    @Override
    public boolean healthy() {
        return get("/actuator/health").filter(response -> response.statusCode() == 200
                && response.body().replace(" ", "").contains("\"status\":\"UP\"")).isPresent();
    }

    /** Whether {@code /actuator/health/liveness} answers 503: the JVM runs, but its background work cannot. */
    @Override
    public boolean saysNotLive() {
        return get("/actuator/health/liveness").filter(response -> response.statusCode() == 503).isPresent();
    }

    private Optional<HttpResponse<String>> get(String path) {
        return Http.get(http, url().resolve(path), Duration.ofSeconds(2));
    }

    /**
     * SIGTERM: Spring finishes the requests and messages in hand, then exits; SIGKILL after {@link #STOP_GRACE}, or
     * longer for a JVM that writes its class-data archive as it exits.
     */
    @Override
    public void stop() {
        process().ifPresent(process -> OsProcesses.terminate(process, ClassDataArchive.stopGrace(process, STOP_GRACE)));
        OsProcesses.deleteQuietly(pidFile());
    }

    private Path extractedDirectory() {
        return config.home().resolve("apps").resolve(component.name());
    }

    /** Written once the jar is unpacked, naming it with its time and size: what the unpacked files were made from. */
    private Path extractionStamp() {
        return extractedDirectory().resolve(".extracted-from");
    }
}
