package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class SagaMonitorTest {

    @Test
    void theCountsAtAMomentLieBetweenTheTicksAroundItEvenWhenReadsWentMissingInBetween() {
        // Overloaded: ordering's metrics answered at 10 s, then not until 50 s.
        List<SagaMonitor.Tick> ticks = List.of(new SagaMonitor.Tick(10, 200, 100), new SagaMonitor.Tick(50, 1200, 900));

        SagaMonitor.Tick atLoadEnd = SagaMonitor.at(ticks, 40);

        assertThat(atLoadEnd.second()).isEqualTo(40);
        assertThat(atLoadEnd.placed()).isCloseTo(950, within(1e-9));
        assertThat(atLoadEnd.ended()).isCloseTo(700, within(1e-9));
    }

    @Test
    void beforeTheFirstTickTheCountsGrowFromZeroAndAfterTheLastTheyStay() {
        List<SagaMonitor.Tick> ticks = List.of(new SagaMonitor.Tick(4, 40, 20), new SagaMonitor.Tick(5, 50, 30));

        assertThat(SagaMonitor.at(ticks, 2).ended()).isCloseTo(10, within(1e-9));
        assertThat(SagaMonitor.at(ticks, 9).ended()).isEqualTo(30);
        assertThat(SagaMonitor.at(List.of(), 3).ended()).isZero();
    }
}
