package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static Load.Step step(long sent, long placed, long notSent, long latencyMillis) {
        Histogram latency = new Histogram(120_000_000L, 3);
        for (long i = 0; i < sent; i++) {
            latency.recordValue(latencyMillis * 1000);
        }
        return new Load.Step("10/s", Duration.ofSeconds(10), sent, placed, 0, 0, sent - placed, notSent, latency, new long[10]);
    }

    @Test
    void availabilityCountsEveryOrderThatFellDueAndWasNotPlacedAsFailed() {
        Comparison.Row row = Comparison.Row.of("distributed monolith", Duration.ofSeconds(2), step(90, 45, 10, 5000));

        // Ten orders the client could not even send (too many in flight) are orders a shopper did not place.
        assertThat(row.sent()).isEqualTo(100);
        assertThat(row.placed()).isEqualTo(45);
        assertThat(row.failed()).isEqualTo(55);
        assertThat(row.availability()).isCloseTo(0.45, within(1e-9));
        assertThat(row.cardLatencyMs()).isEqualTo(2000);
        assertThat(row.latency().p99()).isCloseTo(5000, within(5.0));
    }

    @Test
    void theTableShowsEachCheckoutAtEachLatency() {
        Comparison.Result result = new Comparison.Result("2026-11-30T00:00:00Z", new Summary.Machine(2, 1L << 34, "17", "Linux amd64"),
                10, 30, 5000, List.of(Comparison.Row.of("bazaar", Duration.ofSeconds(2), step(300, 300, 0, 40)),
                Comparison.Row.of("distributed monolith", Duration.ofSeconds(2), step(300, 150, 0, 5000))),
                Path.of("compare.json"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Comparison.print(result, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("open loop at 10/s for 30 s a step, a shopper waits at most 5 s")
                .containsPattern("2000 ms +bazaar +300 +300 +100\\.0%")
                .containsPattern("2000 ms +distributed monolith +300 +150 +50\\.0%")
                .contains("Figures: compare.json");
    }
}
