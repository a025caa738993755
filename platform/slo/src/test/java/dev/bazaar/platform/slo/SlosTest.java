package dev.bazaar.platform.slo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class SlosTest {

    static final String SMALL = """
            period: 28d
            alerting:
              page:
                for: 2m
                windows:
                  - {long: 1h, short: 5m, burn-rate: 14.4}
                  - {long: 6h, short: 30m, burn-rate: 6}
              ticket:
                windows:
                  - {long: 3d, short: 6h, burn-rate: 1}
            objectives:
              - name: orders-complete-in-time
                description: orders end within 30 s
                target: 99.5%
                sli:
                  good: bazaar_orders_completion_seconds_bucket{le="30.0"}
                  total: bazaar_orders_placed_total
                  total-offset: 30s
              - name: checkout-available
                description: checkout answers without a server error
                target: 0.999
                sli:
                  bad: spring_cloud_gateway_requests_seconds_count{routeId="ordering", httpStatusCode=~"5.."}
                  total: spring_cloud_gateway_requests_seconds_count{routeId="ordering"}
            """;

    static Slos parse(String yaml) {
        return Slos.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "slos.yaml");
    }

    @Test
    void readsThePeriodThePolicyAndEveryObjective() {
        Slos slos = parse(SMALL);

        assertThat(slos.period()).isEqualTo(Duration.ofDays(28));
        assertThat(slos.alerting()).extracting(AlertPolicy::severity).containsExactly("page", "ticket");
        AlertPolicy page = slos.alerting().get(0);
        assertThat(page.pending()).isEqualTo(Duration.ofMinutes(2));
        assertThat(page.windows().get(0)).isEqualTo(new BurnRateWindow(Duration.ofHours(1), Duration.ofMinutes(5), new BigDecimal("14.4")));
        assertThat(slos.alerting().get(1).pending()).as("for is optional").isZero();
        assertThat(slos.alertWindows()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ofDays(3));

        Objective orders = slos.find("orders-complete-in-time").orElseThrow();
        assertThat(orders.target()).isEqualByComparingTo("0.995");
        assertThat(orders.errorBudget()).isEqualByComparingTo("0.005");
        assertThat(orders.sli().counting()).isEqualTo(Sli.Counting.GOOD);
        assertThat(orders.sli().good()).contains(Selector.parse("bazaar_orders_completion_seconds_bucket{le=\"30.0\"}"));
        assertThat(orders.sli().totalOffset()).isEqualTo(Duration.ofSeconds(30));
        assertThat(orders.ruleName()).isEqualTo("orders_complete_in_time");
        assertThat(orders.alertName()).isEqualTo("OrdersCompleteInTimeBudgetBurn");
        assertThat(orders.targetPercent()).isEqualTo("99.5%");

        Objective checkout = slos.find("checkout-available").orElseThrow();
        assertThat(checkout.target()).as("a plain share works as well as a percentage").isEqualByComparingTo("0.999");
        assertThat(checkout.sli().bad()).isPresent();
        assertThat(checkout.sli().totalOffset()).isZero();
    }

    @Test
    void computesTheErrorRatioTheSameWayForBothKindsOfSli() {
        Slos slos = parse(SMALL);

        assertThat(slos.find("orders-complete-in-time").orElseThrow().sli().errorRatio(99, 100)).isCloseTo(0.01, offset(1e-12));
        assertThat(slos.find("checkout-available").orElseThrow().sli().errorRatio(1, 100)).isEqualTo(0.01);
        assertThat(slos.find("checkout-available").orElseThrow().sli().errorRatio(0, 0)).isNaN();
    }

    @Test
    void aWindowsThresholdIsItsBurnRateTimesTheErrorBudget() {
        Slos slos = parse(SMALL);
        BurnRateWindow fast = slos.alerting().get(0).windows().get(0);

        assertThat(fast.threshold(slos.find("checkout-available").orElseThrow())).isEqualByComparingTo("0.0144");
        assertThat(fast.budgetSpent(slos.period())).isCloseTo(14.4 / 672, offset(1e-12));
    }

    @Test
    void refusesAMisspeltFieldSayingWhichLine() {
        assertThatThrownBy(() -> parse(SMALL.replace("total-offset: 30s", "total-ofset: 30s")))
                .isInstanceOf(SloException.class).hasMessageContaining("total-ofset").hasMessageContaining("line 19");
    }

    @Test
    void refusesAnSliWithBothGoodAndBadOrNeither() {
        assertThatThrownBy(() -> parse(SMALL.replace("      total: bazaar_orders_placed_total",
                "      bad: bazaar_orders_cancelled_total\n      total: bazaar_orders_placed_total")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, sli: give either good or bad (the events counted against total), not both");
        assertThatThrownBy(() -> parse(SMALL.replace("      good: bazaar_orders_completion_seconds_bucket{le=\"30.0\"}\n", "")))
                .hasMessageEndingWith("not neither");
        assertThatThrownBy(() -> parse(SMALL.replace("      total: bazaar_orders_placed_total\n", "")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, sli.total is missing: the selector of all events");
    }

    @Test
    void refusesASelectorItCannotReadNamingTheObjectiveAndTheField() {
        assertThatThrownBy(() -> parse(SMALL.replace("{routeId=\"ordering\"}", "{routeId=\"ordering\"")))
                .hasMessage("slos.yaml: objective checkout-available, sli.total: the selector ends early at position 63 of "
                        + "'spring_cloud_gateway_requests_seconds_count{routeId=\"ordering\"'");
        assertThatThrownBy(() -> parse(SMALL.replace("total: bazaar_orders_placed_total", "total: sum(rate(bazaar_orders_placed_total[5m]))")))
                .hasMessageStartingWith("slos.yaml: objective orders-complete-in-time, sli.total: unexpected");
    }

    @Test
    void refusesASelectorThatIsNotACounter() {
        assertThatThrownBy(() -> parse(SMALL.replace("total: bazaar_orders_placed_total", "total: bazaar_outbox_backlog")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, sli.total: bazaar_outbox_backlog is not a counter"
                        + " (a name ending in _total, _count or _bucket): an SLI is a rate of events");
    }

    @Test
    void refusesABucketWithoutOneBoundOrWithABoundMicrometerNeverWrites() {
        assertThatThrownBy(() -> parse(SMALL.replace("bucket{le=\"30.0\"}", "bucket")))
                .hasMessageStartingWith("slos.yaml: objective orders-complete-in-time, sli.good: a histogram bucket needs exactly one le=");
        assertThatThrownBy(() -> parse(SMALL.replace("le=\"30.0\"", "le=~\"30.*\"")))
                .hasMessageContaining("needs exactly one le=");
        assertThatThrownBy(() -> parse(SMALL.replace("le=\"30.0\"", "le=\"30\"")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, sli.good: le=\"30\" matches no series: Micrometer writes"
                        + " bucket bounds in seconds as Java doubles, le=\"30.0\"");
    }

    @Test
    void refusesATargetThatIsNotAShareBelowOne() {
        assertThatThrownBy(() -> parse(SMALL.replace("target: 99.5%", "target: 100%")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, target: 100% is not a share between 0 and 100% exclusive"
                        + " (100% leaves no error budget to alert on)");
        assertThatThrownBy(() -> parse(SMALL.replace("target: 99.5%", "target: 99.5")))
                .hasMessageEndingWith("(a percentage needs its %: 99.5%)");
        assertThatThrownBy(() -> parse(SMALL.replace("target: 99.5%", "target: most")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, target: 'most' is not a share such as 99.5% or 0.995");
        assertThatThrownBy(() -> parse(SMALL.replace("    target: 99.5%\n", "")))
                .hasMessageContaining("target is missing");
    }

    @Test
    void refusesATargetWhoseAlertsCouldNeverFire() {
        assertThatThrownBy(() -> parse(SMALL.replace("target: 99.5%", "target: 90%")))
                .hasMessage("slos.yaml: objective orders-complete-in-time, target: 90% leaves an error budget of 10%, which a burn rate"
                        + " of 14.4 cannot exceed (the error ratio would have to be above 100%): its page alert could never fire."
                        + " Raise the target, or lower the burn rate.");
    }

    @Test
    void refusesAnOffsetAsLongAsTheShortestWindow() {
        assertThatThrownBy(() -> parse(SMALL.replace("total-offset: 30s", "total-offset: 5m")))
                .hasMessageStartingWith("slos.yaml: objective orders-complete-in-time, sli.total-offset: 5m is not shorter than"
                        + " the shortest alert window (5m)");
    }

    @Test
    void refusesImpossibleWindows() {
        assertThatThrownBy(() -> parse(SMALL.replace("{long: 1h, short: 5m", "{long: 5m, short: 1h")))
                .hasMessage("slos.yaml: alerting.page.windows[0]: the short window (1h) must be shorter than the long one (5m)");
        assertThatThrownBy(() -> parse(SMALL.replace("long: 3d", "long: 30d")))
                .hasMessage("slos.yaml: alerting.ticket.windows[0]: the long window (30d) is longer than the period (28d)");
        assertThatThrownBy(() -> parse(SMALL.replace("burn-rate: 6}", "burn-rate: 0}")))
                .hasMessage("slos.yaml: alerting.page.windows[1].burn-rate must be above 0, was 0");
        assertThatThrownBy(() -> parse(SMALL.replace("short: 30m", "short: 30 min")))
                .hasMessage("slos.yaml: alerting.page.windows[1].short: '30 min' is not a duration such as 30s, 5m, 1h or 28d");
        assertThatThrownBy(() -> parse(SMALL.replace("{long: 3d, short: 6h, burn-rate: 1}", "{long: 3d, burn-rate: 1}")))
                .hasMessage("slos.yaml: alerting.ticket.windows[0]: long, short and burn-rate are all needed");
    }

    @Test
    void refusesAnObjectiveDeclaredTwiceOrBadlyNamed() {
        assertThatThrownBy(() -> parse(SMALL.replace("name: checkout-available", "name: orders-complete-in-time")))
                .hasMessage("slos.yaml: objective orders-complete-in-time is declared twice");
        assertThatThrownBy(() -> parse(SMALL.replace("name: checkout-available", "name: Checkout_Available")))
                .hasMessage("slos.yaml: objective Checkout_Available: a name is lower-case words joined by hyphens, such as checkout-available");
        assertThatThrownBy(() -> parse(SMALL.replace("    description: orders end within 30 s\n", "")))
                .hasMessage("slos.yaml: objective orders-complete-in-time: description is missing: what it promises, in one sentence");
    }

    @Test
    void refusesAFileWithoutPeriodPolicyOrObjectives() {
        assertThatThrownBy(() -> parse(SMALL.replace("period: 28d\n", "")))
                .hasMessage("slos.yaml: period is missing: the budget period, such as 28d");
        assertThatThrownBy(() -> parse(SMALL.substring(0, SMALL.indexOf("objectives:"))))
                .hasMessage("slos.yaml declares no objectives");
        assertThatThrownBy(() -> parse("period: 28d\nobjectives: []\n"))
                .hasMessageStartingWith("slos.yaml: alerting is missing");
    }
}
