package dev.bazaar.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

import dev.bazaar.platform.topology.Component;

/**
 * The platform's Kafka: a single KRaft node (broker and controller in one) running as a JVM of its own
 * from the launcher's class path, with its log under the home; or an existing cluster.
 *
 * <p>Every connection authenticates (SASL/PLAIN, a password per service generated under the home) and is
 * authorized by the grants {@link KafkaAccess} derives from the map. An existing cluster is the operator's to
 * secure: the launcher connects to it as it is told.
 */
final class KafkaServer implements Part {

    static final String NAME = "kafka";
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    /** The class path of the broker's JVM: the launcher's own, which holds kafka_2.13. */
    private static final String CLASSPATH = System.getProperty("java.class.path");

    private final LauncherConfig config;
    private final RuntimeState state;
    private final Secrets secrets;
    private final Path directory;
    private final Path dataDirectory;
    private final Path logFile;
    private final Path pidFile;

    KafkaServer(LauncherConfig config, RuntimeState state, Secrets secrets) {
        this.config = config;
        this.state = state;
        this.secrets = secrets;
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

    /** What a client needs to connect as the launcher's superuser: the bootstrap servers, and the credentials. */
    Map<String, Object> adminSettings() {
        return clientSettings(KafkaAccess.ADMIN);
    }

    /** What a client needs to connect as this principal (a service's name, or {@code admin}). */
    Map<String, Object> clientSettings(String principal) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (!isExternal()) {
            settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            settings.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            settings.put(SaslConfigs.SASL_JAAS_CONFIG, login(principal, secrets.kafkaPassword(principal)));
        }
        return settings;
    }

    /**
     * A service's Kafka connection, as environment: the bootstrap servers and, on the platform's own broker, its
     * credentials. The SASL settings go in SPRING_APPLICATION_JSON so that their dotted names bind exactly, and stay
     * out of the command line, where any local user could read them.
     */
    Map<String, String> serviceEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        if (!isExternal()) {
            String login = login(service, secrets.kafkaPassword(service)).replace("\\", "\\\\").replace("\"", "\\\"");
            env.put("SPRING_APPLICATION_JSON", "{\"spring.kafka.security.protocol\":\"SASL_PLAINTEXT\","
                    + "\"spring.kafka.properties.sasl.mechanism\":\"PLAIN\","
                    + "\"spring.kafka.properties.sasl.jaas.config\":\"" + login + "\"}");
        }
        return env;
    }

    /** Grants every service what the map says it may do (idempotent: a grant that exists is left as it is). */
    void grantAccess() {
        if (isExternal()) {
            return;
        }
        try (Admin admin = Admin.create(adminSettings())) {
            admin.createAcls(KafkaAccess.grants(config.topology())).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ComponentFailedException(NAME, "could not grant the services their topics: " + e.getMessage(),
                    OsProcesses.failureTail(logFile, 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while granting the services their topics");
        }
    }

    private static String login(String principal, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
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
            // It holds every principal's password: readable by the owner only.
            Secrets.writePrivate(directory.resolve("server.properties"), serverProperties(dataDirectory, brokerPort, controllerPort, passwords()));
            Files.writeString(directory.resolve("log4j2.properties"), LOG4J2, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
            OsProcesses.rotate(logFile);
            if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
                format();
            }
            List<String> command = new ArrayList<>(jvm());
            command.addAll(classDataArchive());
            command.add(MAIN_CLASS);
            command.add(directory.resolve("server.properties").toString());
            OsProcesses.writePid(pidFile, OsProcesses.spawn(command, config.topology().component(NAME).nice(), directory, logFile, Map.of()));
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

    /** A controlled shutdown: the broker closes its logs cleanly, so the next start needs no recovery. */
    @Override
    public void stop() {
        process().ifPresent(process -> OsProcesses.terminate(process, ClassDataArchive.stopGrace(process, Duration.ofSeconds(30))));
        OsProcesses.deleteQuietly(pidFile);
    }

    /** Formats the storage once, for a new cluster id; a formatted directory is reused as it is. */
    private void format() throws IOException {
        List<String> command = new ArrayList<>(jvm());
        command.addAll(List.of(STORAGE_TOOL, "format", "-t", Uuid.randomUuid().toString(),
                "-c", directory.resolve("server.properties").toString()));
        OptionalInt exit = OsProcesses.run("formatting Kafka's storage", command, directory, logFile, Duration.ofMinutes(2));
        if (exit.isEmpty() || exit.getAsInt() != 0) {
            throw new ComponentFailedException(NAME, exit.isEmpty() ? "storage format timed out"
                    : "storage format failed (exit " + exit.getAsInt() + ")", OsProcesses.failureTail(logFile, 30));
        }
    }

    private List<String> jvm() throws IOException {
        List<String> command = new ArrayList<>(List.of(config.javaExecutable().toString(), "-Djava.awt.headless=true"));
        command.addAll(config.topology().component(NAME).jvm());
        command.addAll(List.of(
                marker(),
                "-Dbazaar.home=" + config.home(),
                "-Dkafka.logs.dir=" + logFile.getParent(),
                // Whichever logging backend the class path brings, Kafka logs at INFO to its log file.
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", CLASSPATH));
        return command;
    }

    /**
     * The broker's class-data archive options (not the storage tool's: an archive of its classes would be taken for
     * the broker's). Only plain jars can be archived: a launcher run from its classes directory, as in its tests, has
     * none.
     */
    private List<String> classDataArchive() throws IOException {
        List<Path> classPath = Arrays.stream(CLASSPATH.split(File.pathSeparator)).map(Path::of).toList();
        if (!config.classDataArchives()
                || !classPath.stream().allMatch(entry -> entry.toString().endsWith(".jar") && Files.isRegularFile(entry))) {
            return List.of();
        }
        StringBuilder madeFrom = new StringBuilder();
        for (Path jar : classPath) {
            madeFrom.append(jar).append(' ').append(Files.getLastModifiedTime(jar).toMillis()).append(' ')
                    .append(Files.size(jar)).append('\n');
        }
        List<String> jvm = new ArrayList<>(List.of(config.javaExecutable().toString()));
        jvm.addAll(config.topology().component(NAME).jvm());
        return ClassDataArchive.options(config.home().resolve("cds").resolve("kafka.jsa"), jvm, madeFrom.toString(), true);
    }

    /** The launcher's and every Kafka-using service's password, by principal. */
    private Map<String, String> passwords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(KafkaAccess.ADMIN, secrets.kafkaPassword(KafkaAccess.ADMIN));
        config.topology().components().stream().filter(Component::usesKafka)
                .forEach(service -> passwords.put(service.name(), secrets.kafkaPassword(service.name())));
        return passwords;
    }

    private boolean servesMetadata() {
        Map<String, Object> settings = new LinkedHashMap<>(adminSettings());
        settings.putAll(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000));
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
     * at 1 and as few threads as Kafka allows: the machine has two cores and seven JVMs to run. Both
     * listeners authenticate with SASL/PLAIN against the passwords given, by principal; the broker and the
     * controller talk to each other as {@code admin}, the one superuser; everyone else has only what
     * {@link KafkaAccess} grants.
     */
    static String serverProperties(Path dataDirectory, int brokerPort, int controllerPort, Map<String, String> passwords) {
        StringBuilder users = new StringBuilder();
        passwords.forEach((principal, password) -> users.append(" user_").append(principal).append("=\"").append(password).append('"'));
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaAccess.ADMIN
                + "\" password=\"" + passwords.get(KafkaAccess.ADMIN) + "\"" + users + ";";
        return String.join("\n",
                "# Written by the Bazaar launcher before every start; edits here are overwritten. Holds passwords: keep private.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + brokerPort,
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas,
                "listener.name.controller.plain.sasl.jaas.config=" + jaas,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=" + KafkaAccess.principal(KafkaAccess.ADMIN),
                "allow.everyone.if.no.acl.found=false",
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
