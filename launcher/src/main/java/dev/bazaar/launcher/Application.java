package dev.bazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One Spring Boot application (a service or the gateway) run as a JVM of its own. */
final class Application {

    /** Tuned for start-up on two cores: C1 only, the serial collector, small stacks and heap. */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m");

    private final String name;
    private final LauncherConfig config;
    private final RuntimeState state;
    private final JavaRuntime java;
    private final Path pidFile;
    private final Path logFile;

    Application(String name, LauncherConfig config, RuntimeState state, JavaRuntime java) {
        this.name = name;
        this.config = config;
        this.state = state;
        this.java = java;
        this.pidFile = config.home().resolve("run").resolve(name + ".pid");
        this.logFile = config.home().resolve("logs").resolve(name + ".log");
    }

    String name() {
        return name;
    }

    int port() {
        return state.port(name);
    }

    Path jar() {
        return config.jar(name);
    }

    Path logFile() {
        return logFile;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    Optional<ProcessHandle> runningProcess() {
        return OsProcesses.fromPidFile(pidFile, "-Dbazaar.component=" + name, "-Dbazaar.home=" + config.home());
    }

    /** Whether the jar was rebuilt after this process started, so that it runs old code. */
    boolean runsOlderJarThan(ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        try {
            return started.isPresent() && Files.getLastModifiedTime(jar()).toInstant().isAfter(started.get());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Unpacks the jar for class-data sharing when the JVM can create the archive itself (Java 19+): an
     * archive covers only classes from plain jars on the class path, not those nested in a Spring Boot jar.
     */
    void prepare() {
        if (!java.supportsAutoCreatedArchive()) {
            return;
        }
        Path directory = extractedDirectory();
        Path stamp = directory.resolve(".extracted-from");
        try {
            String source = jar() + " " + Files.getLastModifiedTime(jar()).toMillis() + " " + Files.size(jar());
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                return;
            }
            deleteRecursively(directory);
            Files.deleteIfExists(archive());
            Files.createDirectories(directory.getParent());
            Process extract = new ProcessBuilder(java.executable().toString(), "-Djarmode=tools", "-jar", jar().toString(),
                    "extract", "--destination", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new ComponentFailedException(name, "could not unpack " + jar(), OsProcesses.failureTail(logFile, 20));
            }
            Files.writeString(stamp, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LauncherException("Could not unpack " + jar() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while unpacking " + jar());
        }
    }

    /** Starts the JVM with the given environment (on top of the launcher's own); returns once it is spawned. */
    ProcessHandle start(Map<String, String> environment) {
        if (!Files.isRegularFile(jar())) {
            throw new LauncherException(config.repoRoot().relativize(jar()) + " is missing: build it with "
                    + "'./mvnw -DskipTests package' (./bazaar up does that by itself).");
        }
        List<String> command = new ArrayList<>();
        command.add(java.executable().toString());
        command.addAll(JVM_FLAGS);
        Path runnable = jar();
        if (java.supportsAutoCreatedArchive()) {
            runnable = extractedDirectory().resolve(jar().getFileName());
            command.add("-XX:SharedArchiveFile=" + archive());
            command.add("-XX:+AutoCreateSharedArchive");
        }
        command.add("-Dbazaar.component=" + name);
        command.add("-Dbazaar.home=" + config.home());
        command.addAll(config.jvmOptions());
        command.add("-jar");
        command.add(runnable.toString());
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(archive().getParent());
            OsProcesses.rotate(logFile);
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + " ----\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(OsProcesses.detached(command))
                    .directory(config.repoRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            OsProcesses.writePid(pidFile, process.pid());
            return process.toHandle();
        } catch (IOException e) {
            throw new LauncherException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code /actuator/health} answers {@code {"status":"UP"}}. */
    boolean healthy(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM (Spring shuts down gracefully), then SIGKILL after the grace period. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> running = runningProcess();
        running.ifPresent(process -> OsProcesses.terminate(process, grace));
        OsProcesses.deleteQuietly(pidFile);
        return running.isPresent();
    }

    /** Sends SIGTERM without waiting, so that several applications shut down at once. */
    Optional<ProcessHandle> signalStop() {
        Optional<ProcessHandle> running = runningProcess();
        running.ifPresent(ProcessHandle::destroy);
        return running;
    }

    boolean kill() {
        Optional<ProcessHandle> running = runningProcess();
        running.ifPresent(process -> {
            process.destroyForcibly();
            OsProcesses.awaitExit(process, Duration.ofSeconds(10));
        });
        return running.isPresent();
    }

    void forgetPid() {
        OsProcesses.deleteQuietly(pidFile);
    }

    long memoryBytes() {
        return runningProcess().map(process -> OsProcesses.statusBytes(process.pid(), "VmRSS")).orElse(0L);
    }

    private Path extractedDirectory() {
        return config.home().resolve("apps").resolve(name);
    }

    private Path archive() {
        return config.home().resolve("cds").resolve(name + ".jsa");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
