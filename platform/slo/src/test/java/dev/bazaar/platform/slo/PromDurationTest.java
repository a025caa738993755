package dev.bazaar.platform.slo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromDurationTest {

    @Test
    void readsPrometheusDurations() {
        assertThat(PromDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(PromDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PromDuration.parse("28d")).isEqualTo(Duration.ofDays(28));
        assertThat(PromDuration.parse("4w")).isEqualTo(Duration.ofDays(28));
        assertThat(PromDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void writesTheShortestFormInDaysAtMost() {
        assertThat(PromDuration.format(Duration.ofDays(28))).isEqualTo("28d");
        assertThat(PromDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(PromDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(PromDuration.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(PromDuration.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void refusesWhatPrometheusWouldNotRead() {
        assertThatThrownBy(() -> PromDuration.parse("5 min")).hasMessage("'5 min' is not a duration such as 30s, 5m, 1h or 28d");
        assertThatThrownBy(() -> PromDuration.parse("1.5h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
