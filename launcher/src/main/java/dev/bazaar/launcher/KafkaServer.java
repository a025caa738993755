package dev.bazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The platform's Kafka: a single KRaft node (broker and controller in one) running as a JVM of its own
 * from the launcher's class path, with its log under the home; or an existing cluster.
 */
final class KafkaServer implements Part {

    static final String NAME = "kafka";
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private final LauncherConfig config;
    private final RuntimeState state;
    private final Path directory;
    private final Path dataDirectory;
    private final Path logFile;
    private final Path pidFile;

    KafkaServer(LauncherConfig config, RuntimeState state) {
        this.config = config;
        this.state = state;
        this.directory = config.home().resolve("kafka");
        this.dataDirectory = directory.resolve("data");
        this.logFile = config.home().resolve("logs").resolve("kafka.log");
        this.pidFile = config.home().resolve("run").resolve("kafka.pid");
    }

    @Override
    public boolean isExternal() {
        return state.kafkaExternal();
    }

    String bootstrapServers() {
        return state.kafkaBootstrapServers();
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public Optional<ProcessHandle> process() {
        if (isExternal()) {
            return Optional.empty();
        }
        return OsProcesses.fromPidFile(pidFile, marker(), "-Dbazaar.home=" + config.home());
    }

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public String address() {
        return bootstrapServers();
    }

    @Override
    public Path pidFile() {
        return pidFile;
    }

    /** Spawns the broker (formatting its storage the first time); {@link #healthy()} says when it serves. */
    @Override
    public void start() {
        if (isExternal()) {
            return;
        }
        int brokerPort = Integer.parseInt(bootstrapServers().substring(bootstrapServers().lastIndexOf(':') + 1));
        int controllerPort = state.port(LauncherConfig.KAFKA_CONTROLLER);
        for (int port : new int[] {brokerPort, controllerPort}) {
            if (OsProcesses.listening(port)) {
                throw new LauncherException("Port " + port + " (kafka) is already in use by another program. Stop it, "
                        + "or move the platform with BAZAAR_PORT_OFFSET or BAZAAR_KAFKA_PORT/BAZAAR_KAFKA_CONTROLLER_PORT.");
            }
        }
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            Files.writeString(directory.resolve("server.properties"),
                    serverProperties(dataDirectory, brokerPort, controllerPort), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("log4j2.properties"), LOG4J2, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
            OsProcesses.rotate(logFile);
            if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
                format();
            }
            List<String> command = new ArrayList<>(jvm());
            command.add(MAIN_CLASS);
            command.add(directory.resolve("server.properties").toString());
            Process process = new ProcessBuilder(OsProcesses.detached(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            OsProcesses.writePid(pidFile, process.pid());
        } catch (IOException e) {
            throw new LauncherException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** Whether the broker serves metadata, i.e. whether clients can produce and consume. */
    @Override
    public boolean healthy() {
        String[] host = bootstrapServers().split(",")[0].split(":");
        return OsProcesses.listening(host[0], Integer.parseInt(host[host.length - 1])) && servesMetadata();
    }

    @Override
    public     long memoryBytes() {
        return process().map(process -> OsProcesses.statusBytes(process.pid(), "VmRSS")).orElse(0L);
    }

    /** A controlled shutdown: the broker closes its logs cleanly, so the next start needs no recovery. */
    @Override
    public void stop() {
        process().ifPresent(process -> OsProcesses.terminate(process, Duration.ofSeconds(30)));
        OsProcesses.deleteQuietly(pidFile);
    }

    @Override
    public void kill() {
        process().ifPresent(OsProcesses::kill);
    }

    /** Formats the storage once, for a new cluster id; a formatted directory is reused as it is. */
    private void format() throws IOException {
        List<String> command = new ArrayList<>(jvm());
        command.addAll(List.of(STORAGE_TOOL, "format", "-t", Uuid.randomUuid().toString(),
                "-c", directory.resolve("server.properties").toString()));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ComponentFailedException(NAME, "storage format timed out", OsProcesses.failureTail(logFile, 30));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while formatting Kafka's storage");
        }
        if (process.exitValue() != 0) {
            throw new ComponentFailedException(NAME, "storage format failed (exit " + process.exitValue() + ")",
                    OsProcesses.failureTail(logFile, 30));
        }
    }

    private List<String> jvm() {
        List<String> command = new ArrayList<>(List.of(config.javaExecutable().toString(), "-Djava.awt.headless=true"));
        command.addAll(config.topology().component(NAME).jvm());
        if (config.autoCreatedArchives() && Arrays.stream(config.kafkaClasspath().split(":")).allMatch(entry -> entry.endsWith(".jar"))) {
            command.add("-XX:SharedArchiveFile=" + config.home().resolve("cds").resolve("kafka.jsa"));
            command.add("-XX:+AutoCreateSharedArchive");
            createDirectories(config.home().resolve("cds"));
        }
        command.addAll(List.of(
                marker(),
                "-Dbazaar.home=" + config.home(),
                "-Dkafka.logs.dir=" + logFile.getParent(),
                // Whichever logging backend the class path brings, Kafka logs at INFO to its log file.
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", config.kafkaClasspath()));
        return command;
    }

    private boolean servesMetadata() {
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static String marker() {
        return "-Dbazaar.component=" + NAME;
    }

    /**
     * One node that is both broker and controller, on the loopback only, with every replication factor
     * at 1 and as few threads as Kafka allows: the machine has two cores and seven JVMs to run.
     */
    static String serverProperties(Path dataDirectory, int brokerPort, int controllerPort) {
        return String.join("\n",
                "# Written by the Bazaar launcher before every start; edits here are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory,
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                // After a kill -9 the controller waits out the dead broker's session before the new one may
                // register: 5 s instead of 9.
                "broker.heartbeat.interval.ms=1000",
                "broker.session.timeout.ms=5000",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "num.replica.fetchers=1",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "");
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted");
        }
    }

    private static final String LOG4J2 = String.join("\n",
            "# Written by the Bazaar launcher: Kafka's own logging, to its log file.",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = out",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "logger.cleaner.name = kafka.log.LogCleaner",
            "logger.cleaner.level = WARN",
            "");

    private static final String LOGBACK = String.join("\n",
            "<!-- Written by the Bazaar launcher: Kafka's own logging, to its log file. -->",
            "<configuration>",
            "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{ISO8601} %-5level [%logger{0}] %msg%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"state.change.logger\" level=\"WARN\"/>",
            "  <logger name=\"kafka.log.LogCleaner\" level=\"WARN\"/>",
            "  <root level=\"INFO\"><appender-ref ref=\"out\"/></root>",
            "</configuration>",
            "");
}
