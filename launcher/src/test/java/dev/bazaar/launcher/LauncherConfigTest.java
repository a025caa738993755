package dev.bazaar.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherConfigTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Topology MAP = Topology.bundled();

    @Test
    void usesTheDocumentedPortsByDefault() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).build();

        assertThat(config.port("gateway")).isEqualTo(8080);
        assertThat(MAP.services().stream().map(service -> config.port(service.name())))
                .containsExactly(8087, 8081, 8082, 8083, 8084, 8085, 8086);
        assertThat(config.port("postgres")).isEqualTo(15432);
        assertThat(config.port("kafka")).isEqualTo(19092);
        assertThat(config.port("kafka-controller")).isEqualTo(19093);
    }

    @Test
    void shiftsEveryDefaultPortByTheOffset() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).portOffset(10_000).build();

        assertThat(config.port("gateway")).isEqualTo(18080);
        assertThat(config.port("fulfillment")).isEqualTo(18086);
        assertThat(config.port("postgres")).isEqualTo(25432);
        assertThat(config.port("kafka")).isEqualTo(29092);
        assertThat(config.port("kafka-controller")).isEqualTo(29093);
    }

    @Test
    void takesAnExplicitPortAsGivenWithoutTheOffset() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).portOffset(100).port("catalog", 9999).build();

        assertThat(config.port("catalog")).isEqualTo(9999);
        assertThat(config.port("customer")).isEqualTo(8182);
    }

    @Test
    void readsItsSettingsFromBazaarVariables() {
        Map<String, String> env = Map.of(
                "BAZAAR_HOME", "/data/bazaar",
                "BAZAAR_PORT_OFFSET", "1000",
                "BAZAAR_KAFKA_CONTROLLER_PORT", "7000",
                "BAZAAR_GATEWAY_PORT", "80",
                "BAZAAR_START_TIMEOUT", "90",
                "BAZAAR_JVM_OPTS", " -Xmx512m  -Dx=y ",
                "BAZAAR_CLASS_DATA_ARCHIVES", "false",
                "BAZAAR_MAVEN", "flock /tmp/lock ./mvnw -o");

        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).fromEnvironment(env).build();

        assertThat(config.home()).isEqualTo(Path.of("/data/bazaar"));
        assertThat(config.port("postgres")).isEqualTo(16432);
        assertThat(config.port("kafka-controller")).isEqualTo(7000);
        assertThat(config.port("gateway")).isEqualTo(80);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.jvmOptions()).containsExactly("-Xmx512m", "-Dx=y");
        assertThat(config.mavenCommand()).containsExactly("flock", "/tmp/lock", "./mvnw", "-o");
        assertThat(config.classDataArchives()).isFalse();
    }

    @Test
    void refusesAnUnclearSwitch() {
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP)
                .fromEnvironment(Map.of("BAZAAR_CLASS_DATA_ARCHIVES", "no")).build())
                .isInstanceOf(LauncherException.class)
                .hasMessage("BAZAAR_CLASS_DATA_ARCHIVES must be true or false, not 'no'");
    }

    @Test
    void resolvesARelativeHomeAgainstTheRepository() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).fromEnvironment(Map.of("BAZAAR_HOME", "tmp/home")).build();

        assertThat(config.home()).isEqualTo(Path.of("/repo/tmp/home"));
    }

    @Test
    void keepsItsHomeInTheRepositoryByDefault() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).build();

        assertThat(config.home()).isEqualTo(Path.of("/repo/.bazaar"));
        assertThat(config.jar("ordering")).isEqualTo(Path.of("/repo/services/ordering/target/ordering.jar"));
        assertThat(config.jar("gateway")).isEqualTo(Path.of("/repo/gateway/target/gateway.jar"));
        assertThat(config.mavenCommand()).containsExactly("/repo/mvnw");
        assertThat(config.classDataArchives()).isTrue();
    }

    @Test
    void usesExistingServersWhenTheyAreGiven() {
        Map<String, String> env = Map.of(
                "BAZAAR_POSTGRES_URL", "postgresql://admin:s3cret@db.local:6543",
                "BAZAAR_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092");

        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).fromEnvironment(env).build();

        assertThat(config.externalPostgres()).contains(new ExternalPostgres("db.local", 6543, "admin", "s3cret"));
        assertThat(RuntimeState.of(config).port("postgres")).isEqualTo(6543);
        assertThat(config.externalKafkaBootstrapServers()).contains("k1:9092,k2:9092");
    }

    @Test
    void runsTheChosenComponentsWithWhatTheyWaitForInTheOrderOfTheMap() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP).only("gateway", "catalog").build();

        assertThat(config.components()).containsExactly("postgres", "kafka", "catalog", "gateway");
        assertThat(LauncherConfig.builder(ROOT).topology(MAP).build().components()).isEqualTo(MAP.names());
    }

    @Test
    void refusesAnUnknownComponent() {
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP).only("billing").build())
                .hasMessageContaining("billing");
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP).fromEnvironment(Map.of("BAZAAR_BILLING_PORT", "9000")).build())
                .isInstanceOf(LauncherException.class).hasMessageContaining("billing");
    }

    @Test
    void refusesAnOffsetThatPushesPortsOutOfRange() {
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP).portOffset(60_000).build())
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("BAZAAR_PORT_OFFSET=60000");
    }

    @Test
    void refusesTwoComponentsOnOnePort() {
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP).port("gateway", 8081).build())
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("8081");
    }

    @Test
    void refusesAnOffsetThatIsNotANumber() {
        assertThatThrownBy(() -> LauncherConfig.builder(ROOT).topology(MAP).fromEnvironment(Map.of("BAZAAR_PORT_OFFSET", "ten")))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("BAZAAR_PORT_OFFSET");
    }

    @Test
    void givesEachApplicationTheCommonAndItsOwnExtraEnvironment() {
        LauncherConfig config = LauncherConfig.builder(ROOT).topology(MAP)
                .environment("LOGGING_LEVEL_ROOT", "WARN")
                .environment("fulfillment", "CARRIER_DELAY", "PT0S")
                .build();

        assertThat(config.environment("fulfillment")).containsEntry("LOGGING_LEVEL_ROOT", "WARN").containsEntry("CARRIER_DELAY", "PT0S");
        assertThat(config.environment("catalog")).containsOnlyKeys("LOGGING_LEVEL_ROOT");
    }
}
