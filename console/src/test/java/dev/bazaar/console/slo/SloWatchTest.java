package dev.bazaar.console.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.bazaar.console.metrics.History;
import dev.bazaar.console.metrics.Measures;
import dev.bazaar.console.metrics.Snapshot;
import dev.bazaar.platform.slo.Objective;
import dev.bazaar.platform.slo.Slos;
import org.junit.jupiter.api.Test;

/**
 * The repository's slos.yaml, run sixty times faster (an hour's window is a minute), against a platform that places
 * two orders a second, each ending within 30 s, except that those placed from 100 s to 200 s wait (payment is down)
 * and end late.
 */
class SloWatchTest {

    private static final Slos SLOS = Slos.bundled();
    private static final Objective IN_TIME = SLOS.find("orders-complete-in-time").orElseThrow();

    private final History history = new History(Duration.ofHours(1), Duration.ofDays(3));
    private final SloWatch watch = new SloWatch(SLOS, history, 60);

    @Test
    void theFastBurnAlertFiresWhileOrdersWaitAndResolvesOnceTheyEndInTimeAgain() {
        Double burnWhileDown = null;
        double good = 0;
        for (int second = 0; second <= 400; second++) {
            double placed = 2.0 * second;
            // An order placed at p ends in time at p + 10 s, unless placed while payment was down.
            int placedThen = second - 10;
            if (placedThen >= 0 && (placedThen < 100 || placedThen >= 200)) {
                good += 2;
            }
            Instant at = Instant.EPOCH.plusSeconds(second);
            Snapshot snapshot = new Snapshot(at, Map.of(Measures.countedKey(IN_TIME), good, Measures.totalKey(IN_TIME), placed));
            history.add(snapshot);
            watch.accept(snapshot);
            if (second == 180) {
                // The short window (5 s, an objective's 5 m) sees no order end in time.
                burnWhileDown = watch.burnRates(IN_TIME, at).get(0).burnRate();
                assertThat(watch.alerts()).filteredOn(alert -> alert.objective().equals(IN_TIME.name()) && alert.severity().equals("page"))
                        .singleElement().extracting(SloWatch.AlertStatus::state).isEqualTo(SloWatch.State.FIRING);
            }
            if (second == 90) {
                assertThat(watch.alerts()).allSatisfy(alert -> assertThat(alert.state()).isEqualTo(SloWatch.State.INACTIVE));
            }
        }

        // With every order late, the budget burns 1 / 0.005 = 200 times too fast.
        assertThat(burnWhileDown).isCloseTo(200.0, org.assertj.core.data.Offset.offset(1e-9));
        SloWatch.AlertEvent page = watch.events().stream().filter(event -> event.severity().equals("page")
                && event.objective().equals(IN_TIME.name())).findFirst().orElseThrow();
        // Orders stop ending in time from 110 s, while the orders placed 30 s earlier (the total, read that far back)
        // still come in: the 1 h (1 m) window needs 7.2% of them missing, then the alert its `for` of 2 m (2 s).
        assertThat(page.fired()).isBetween(Instant.EPOCH.plusSeconds(111), Instant.EPOCH.plusSeconds(130));
        // Orders placed after 200 s end in time from 210 s; the short windows (5 m, 30 m: 5 s, 30 s) clear after that.
        assertThat(page.resolved()).isBetween(Instant.EPOCH.plusSeconds(211), Instant.EPOCH.plusSeconds(260));
        assertThat(watch.alerts()).filteredOn(alert -> alert.severity().equals("page"))
                .allSatisfy(alert -> assertThat(alert.state()).isEqualTo(SloWatch.State.INACTIVE));
    }

    @Test
    void aWindowWithNothingCountedHasNoErrorRatioAndFiresNothing() {
        Snapshot idle = new Snapshot(Instant.EPOCH, Map.of());
        history.add(idle);
        watch.accept(idle);

        assertThat(watch.errorRatio(IN_TIME, Duration.ofMinutes(5), Instant.EPOCH)).isNaN();
        assertThat(watch.alerts()).allSatisfy(alert -> assertThat(alert.state()).isEqualTo(SloWatch.State.INACTIVE));
    }
}
