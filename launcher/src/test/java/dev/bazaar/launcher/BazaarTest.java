package dev.bazaar.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BazaarTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Bazaar bazaar = new Bazaar(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void anUnknownCommandIsAUsageErrorWithStatusTwo() {
        int status = bazaar.run(new String[] {"deploy"});

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy'").contains("usage: ./bazaar");
    }

    @Test
    void anUnknownComponentIsAUsageErrorWithStatusTwo() {
        int status = bazaar.run(new String[] {"kill", "billing"});

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown component 'billing'");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(bazaar.run(new String[] {"help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("restart <component>");
    }

    @Test
    void statusShowsEveryComponentAndTheTotalMemory() {
        List<ComponentStatus> components = List.of(
                new ComponentStatus("postgres", OptionalLong.of(41), "127.0.0.1:15432", ComponentStatus.Health.UP,
                        100L * 1024 * 1024, Duration.ofSeconds(75), false),
                new ComponentStatus("kafka", OptionalLong.empty(), "k1:9092", ComponentStatus.Health.UP, 0, Duration.ZERO, true),
                new ComponentStatus("catalog", OptionalLong.empty(), "127.0.0.1:8081", ComponentStatus.Health.STOPPED,
                        0, Duration.ZERO, false));

        String table = Bazaar.statusTable(components);

        assertThat(table.lines()).hasSize(5);
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .contains("postgres", "41", "127.0.0.1:15432", "UP", "100 MiB", "1m 15s");
        assertThat(table).contains("external").contains("STOPPED");
        assertThat(table.lines().reduce((first, second) -> second).orElseThrow()).startsWith("total").endsWith("100 MiB");
    }

    @Test
    void formatsMemoryAndUptimeForPeople() {
        assertThat(Bazaar.memory(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.50 GiB");
        assertThat(Bazaar.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Bazaar.uptime(Duration.ofMinutes(61).plusSeconds(5))).isEqualTo("1h 01m");
    }
}
