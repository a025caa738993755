package dev.bazaar.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HistoryTest {

    private static Snapshot at(long second, double count) {
        return new Snapshot(Instant.EPOCH.plusSeconds(second), Map.of("count", count));
    }

    @Test
    void keepsEveryScrapeOfTheRecentPastThenOneAMinuteUntilTheRetentionEnds() {
        History history = new History(Duration.ofMinutes(10), Duration.ofHours(1));
        for (long second = 0; second <= 7200; second += 5) {
            history.add(at(second, second));
        }

        assertThat(history.latest().orElseThrow().at()).isEqualTo(Instant.EPOCH.plusSeconds(7200));
        assertThat(history.earliest().orElseThrow().at()).isBetween(Instant.EPOCH.plusSeconds(3600), Instant.EPOCH.plusSeconds(3660));
        // The last ten minutes at 5 s, the fifty before at one a minute.
        assertThat(history.since(Instant.EPOCH.plusSeconds(7200 - 600))).hasSize(121);
        assertThat(history.since(Instant.EPOCH)).hasSizeBetween(121 + 49, 121 + 51);
        assertThat(history.asOf(Instant.EPOCH.plusSeconds(7003)).orElseThrow().at()).isEqualTo(Instant.EPOCH.plusSeconds(7000));
    }

    @Test
    void anIncreaseIsMeasuredOverTheHistoryThereIsWhenTheWindowReachesBeforeIt() {
        History history = new History(Duration.ofHours(1), Duration.ofDays(1));
        assertThat(history.increase("count", Instant.EPOCH, Duration.ofMinutes(5))).isEmpty();
        history.add(at(100, 10));
        history.add(at(105, 12));
        history.add(at(110, 20));

        History.Increase lastFive = history.increase("count", Instant.EPOCH.plusSeconds(110), Duration.ofSeconds(5)).orElseThrow();
        assertThat(lastFive.amount()).isEqualTo(8.0);
        assertThat(lastFive.perSecond()).isEqualTo(1.6);
        History.Increase hour = history.increase("count", Instant.EPOCH.plusSeconds(110), Duration.ofHours(1)).orElseThrow();
        assertThat(hour.amount()).isEqualTo(10.0);
        assertThat(hour.over()).isEqualTo(Duration.ofSeconds(10));
    }
}
