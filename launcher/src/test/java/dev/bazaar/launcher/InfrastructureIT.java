package dev.bazaar.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL and Kafka as the launcher starts them, on free ports in a home under {@code target/}: no
 * application jar is needed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureIT {

    private static final Path HOME = Path.of("target", "infrastructure-it").toAbsolutePath();

    private static LauncherConfig config;
    private static Platform platform;

    @BeforeAll
    static void startPostgresAndKafka() throws IOException {
        deleteRecursively(HOME);
        config = LauncherConfig.builder(LauncherConfig.findRepoRoot(Path.of("")))
                .home(HOME)
                .port("postgres", freePort())
                .port("kafka", freePort())
                .port("kafka-controller", freePort())
                .only("postgres", "kafka")
                .stopOnExit(true)
                // Its home is thrown away: a broker writing its archive would only make the stop slower.
                .classDataArchives(false)
                .build();
        platform = Platform.start(config, ProgressListener.printingTo(System.out));
    }

    @AfterAll
    static void stopEverything() {
        if (platform != null) {
            platform.stop();
            assertThat(platform.isRunning()).isFalse();
        }
    }

    @Test
    @Order(1)
    void aServiceRoleConnectsToItsOwnDatabaseWithItsPassword() throws SQLException {
        Credentials catalog = platform.credentials("catalog");

        try (Connection connection = DriverManager.getConnection(platform.postgresJdbcUrl("catalog"), catalog.username(), catalog.password());
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("select current_user, current_database()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("catalog");
            assertThat(result.getString(2)).isEqualTo("catalog");
        }
    }

    @Test
    @Order(1)
    void aCommitIsOnTheDiskBeforeItIsConfirmed() throws SQLException {
        Credentials admin = platform.superuserCredentials();
        Map<String, String> settings = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(platform.postgresJdbcUrl("postgres"), admin.username(), admin.password());
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            while (result.next()) {
                settings.put(result.getString(1), result.getString(2));
            }
        }
        // Zonky's defaults for tests turn fsync and synchronous_commit off; the platform's PostgreSQL keeps both on.
        assertThat(settings).containsOnly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"), Map.entry("full_page_writes", "on"));
    }

    @Test
    @Order(2)
    void aServiceRoleCannotConnectToAnotherServicesDatabase() {
        Credentials catalog = platform.credentials("catalog");

        for (String other : List.of("ordering", "payment", "postgres")) {
            assertThatThrownBy(() -> DriverManager.getConnection(platform.postgresJdbcUrl(other), catalog.username(), catalog.password()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no pg_hba.conf entry");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(platform.postgresJdbcUrl("catalog"), "catalog", "guessed").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    @Order(3)
    void keepsSecretsAndTheSuperuserEnvironmentPrivate() throws IOException {
        for (Path file : List.of(HOME.resolve("secrets.properties"), HOME.resolve("postgres.env"), HOME.resolve("kafka/server.properties"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.readAllLines(HOME.resolve("postgres.env")))
                .contains("PGHOST=127.0.0.1", "PGPORT=" + config.port("postgres"), "PGUSER=postgres",
                        "PGPASSWORD=" + platform.superuserCredentials().password());
    }

    @Test
    @Order(4)
    void kafkaRunsAsAProcessOfItsOwnAndAcceptsARecord() throws Exception {
        ComponentStatus kafka = platform.status().stream().filter(status -> status.name().equals("kafka")).findFirst().orElseThrow();
        assertThat(kafka.health()).isEqualTo(ComponentStatus.Health.UP);
        assertThat(kafka.pid()).isPresent();
        assertThat(kafka.pid().getAsLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(OsProcesses.commandLine(kafka.pid().getAsLong())).contains("kafka.Kafka");

        Map<String, Object> settings = new HashMap<>(platform.kafkaClientSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>("launcher.check", "key", "hello")).get(20, TimeUnit.SECONDS);

            assertThat(sent.offset()).isGreaterThanOrEqualTo(0);
            assertThat(sent.topic()).isEqualTo("launcher.check");
        }
    }

    @Test
    @Order(5)
    void aServiceIsBehindUntilItHasJoinedAndCommittedEveryEventOnItsTopics() throws Exception {
        Map<String, Object> producerSettings = platform.kafkaClientSettings();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("lag.events", "key-" + i, "event " + i)).get(20, TimeUnit.SECONDS);
            }
        }
        try (Backlogs backlogs = new Backlogs(null, platform.kafkaClientSettings());
             KafkaConsumer<String, String> listeners = consumer("lagging", "lag.events");
             KafkaConsumer<String, String> deadLetters = consumer("lagging.dead-letters", "lagging.dlt")) {
            assertThat(backlogs.consumerLag(List.of("lagging"))).containsExactly("lagging has not joined its topics yet");

            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read < 3 || listeners.assignment().isEmpty() || deadLetters.assignment().isEmpty()) {
                assertThat(System.nanoTime()).as("the consumers join and read the three events").isLessThan(deadline);
                read += listeners.poll(Duration.ofMillis(200)).count();
                deadLetters.poll(Duration.ofMillis(50));
            }
            assertThat(backlogs.consumerLag(List.of("lagging"))).containsExactly("lagging is 3 events behind on lag.events");

            listeners.commitSync();
            assertThat(backlogs.consumerLag(List.of("lagging"))).isEmpty();
        }
    }

    @Test
    @Order(5)
    void aServiceWritesOnlyItsOwnTopicAndReadsOnlyTheTopicsItConsumes() throws Exception {
        Map<String, Object> asOrdering = new HashMap<>(platform.kafkaClientSettings("ordering"));
        asOrdering.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> ordering = new KafkaProducer<>(asOrdering, new StringSerializer(), new StringSerializer())) {
            assertThat(ordering.send(new ProducerRecord<>("ordering.events", "key", "{}")).get(20, TimeUnit.SECONDS).topic())
                    .isEqualTo("ordering.events");
            // The forgery the grants exist for: a new card key on payment's topic, written by someone else.
            assertThatThrownBy(() -> ordering.send(new ProducerRecord<>("payment.events", "key", "{\"forged\":true}")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> ordering = consumer(platform.kafkaClientSettings("ordering"), "ordering", "customer.dlt")) {
            assertThatThrownBy(() -> ordering.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> anonymous = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000));
        try (KafkaProducer<String, String> nobody = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> nobody.send(new ProducerRecord<>("ordering.events", "key", "{}")).get(20, TimeUnit.SECONDS))
                    .isInstanceOfAny(org.apache.kafka.common.errors.TimeoutException.class, ExecutionException.class);
        }
    }

    private KafkaConsumer<String, String> consumer(String group, String topic) {
        return consumer(platform.kafkaClientSettings(), group, topic);
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> connection, String group, String topic) {
        Map<String, Object> settings = new HashMap<>(connection);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @Test
    @Order(6)
    void postgresKeepsItsDataAcrossARestart() throws SQLException {
        Credentials customer = platform.credentials("customer");
        try (Connection connection = DriverManager.getConnection(platform.postgresJdbcUrl("customer"), customer.username(), customer.password());
             Statement sql = connection.createStatement()) {
            sql.execute("create table survivor (name text)");
            sql.execute("insert into survivor values ('still here')");
        }

        platform.restart("postgres");

        try (Connection connection = DriverManager.getConnection(platform.postgresJdbcUrl("customer"), customer.username(), customer.password());
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("select name from survivor")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    @Order(7)
    void aSecondStartReusesWhatRuns() {
        List<ComponentStatus> before = platform.status();

        Platform again = Platform.start(config, ProgressListener.silent());

        assertThat(again.status()).extracting(ComponentStatus::pid).isEqualTo(before.stream().map(ComponentStatus::pid).toList());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
