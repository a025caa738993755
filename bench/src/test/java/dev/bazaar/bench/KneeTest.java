package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class KneeTest {

    private static final Duration STEP = Duration.ofSeconds(60);

    /** A step of {@code rate}/s in which {@code endedShare} of what was placed in its second half ended. */
    private static Summary.StepFigures step(int rate, long shed, double endedShare, Map<String, Double> busyCores) {
        long sent = rate * 60L;
        Load.Step step = new Load.Step(rate + "/s", STEP, sent, sent - shed, shed, 0, 0, 0, new Histogram(3), new long[60]);
        double placed = rate * 30.0;
        return Summary.StepFigures.of(step, new SagaMonitor.Tick(30, 0, 0), new SagaMonitor.Tick(60, placed, endedShare * placed),
                busyCores);
    }

    @Test
    void aStepIsKeptUpWithWhenEveryOrderIsTakenAndEndsAsFastAsItCame() {
        assertThat(step(20, 0, 1.0, Map.of()).keptUp()).isTrue();
        assertThat(step(20, 0, 0.96, Map.of()).keptUp()).as("within 5%").isTrue();
        assertThat(step(20, 0, 0.9, Map.of()).keptUp()).as("the backlog grew").isFalse();
        assertThat(step(20, 1, 1.0, Map.of()).keptUp()).as("an order shed").isFalse();
        assertThat(step(20, 0, 0.96, Map.of()).endedPerSecond()).isEqualTo(19.2);
    }

    @Test
    void theKneeIsTheLastStepKeptUpWithAndTheCoresSayWhatLimitsIt() {
        Knee knee = Knee.of(List.of(step(20, 0, 1, Map.of("postgres", 0.2)), step(30, 0, 1, Map.of("postgres", 0.4)),
                step(40, 3, 0.8, Map.of("postgres", 0.5, "ordering", 0.7, "kafka", 0.4))), 2);

        assertThat(knee.keptUp()).isEqualTo("30/s");
        assertThat(knee.fellBehind()).isEqualTo("40/s");
        assertThat(knee.busyCores()).isCloseTo(1.6, within(1e-9));
        assertThat(knee.byProcess()).containsExactly(Map.entry("ordering", 0.7), Map.entry("postgres", 0.5), Map.entry("kafka", 0.4));
        assertThat(knee.description()).isEqualTo("Knee: 30/s, the highest step the platform kept up with; it did not at 40/s. "
                + "At 40/s the platform kept 1.60 of 2 cores busy (ordering 0.70, postgres 0.50, kafka 0.40): the CPU is what limits it.");
    }

    @Test
    void cpuLeftIdleWhereThePlatformFellBehindPointsElsewhere() {
        Knee knee = Knee.of(List.of(step(20, 0, 0.5, Map.of("ordering", 0.5))), 2);

        assertThat(knee.keptUp()).isNull();
        assertThat(knee.description()).startsWith("Knee: below 20/s, the first step, which the platform did not keep up with.")
                .endsWith("the CPU was not spent, so something else limits it (a pool, a lock, a pause).");
        assertThat(Knee.of(List.of(step(20, 0, 1, Map.of())), 2).description())
                .startsWith("Knee: above 20/s: the platform kept up with every step.");
    }
}
