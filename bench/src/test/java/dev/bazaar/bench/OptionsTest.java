package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aRunIsClosedOrOpenLoopAndNamesItsSteps() {
        assertThat(new Options(List.of(1, 8), List.of(), MINUTE, 20, 0.1, 0.05, MINUTE, 100).stepNames())
                .containsExactly("1 shopper", "8 shoppers");
        Options open = new Options(List.of(), List.of(25.0, 12.5), MINUTE, 20, 0.1, 0.05, MINUTE, 100);
        assertThat(open.openLoop()).isTrue();
        assertThat(open.stepNames()).containsExactly("25/s", "12.5/s");
    }

    @Test
    void badRunsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new Options(List.of(1), List.of(5.0), MINUTE, 20, 0, 0, MINUTE, 0))
                .hasMessageContaining("either concurrencies");
        assertThatThrownBy(() -> new Options(List.of(), List.of(), MINUTE, 20, 0, 0, MINUTE, 0))
                .hasMessageContaining("either concurrencies");
        assertThatThrownBy(() -> new Options(List.of(0), List.of(), MINUTE, 20, 0, 0, MINUTE, 0)).hasMessageContaining("1 to 1024");
        assertThatThrownBy(() -> new Options(List.of(), List.of(-1.0), MINUTE, 20, 0, 0, MINUTE, 0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new Options(List.of(1), List.of(), Duration.ofMillis(10), 20, 0, 0, MINUTE, 0))
                .hasMessageContaining("1 s to 1 h");
        assertThatThrownBy(() -> new Options(List.of(1), List.of(), MINUTE, 20, 0.7, 0.5, MINUTE, 0)).hasMessageContaining("add up");
        assertThatThrownBy(() -> new Options(List.of(1), List.of(), MINUTE, 20, Double.NaN, 0, MINUTE, 0)).hasMessageContaining("add up");
        assertThatThrownBy(() -> new Options(List.of(8), List.of(), MINUTE, 20, 0, 0, MINUTE, 0, true))
                .hasMessageContaining("finding the knee takes rates");
        assertThatThrownBy(() -> new Options(List.of(), List.of(20.0), Duration.ofSeconds(10), 20, 0, 0, MINUTE, 0, true))
                .hasMessageContaining("at least 20 s");
        assertThatThrownBy(() -> new Options(List.of(), List.of(50.0, 20.0), MINUTE, 20, 0, 0, MINUTE, 0, true))
                .hasMessageContaining("rise from step to step");
    }
}
