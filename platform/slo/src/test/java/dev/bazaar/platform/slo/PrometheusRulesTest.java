package dev.bazaar.platform.slo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusRulesTest {

    private final Slos slos = SlosTest.parse(SlosTest.SMALL);
    private final Objective orders = slos.find("orders-complete-in-time").orElseThrow();
    private final Objective checkout = slos.find("checkout-available").orElseThrow();

    @Test
    void namesTheErrorRatioOfAnObjectiveOverAWindow() {
        assertThat(PrometheusRules.errorRatio(checkout, Duration.ofMinutes(5))).isEqualTo("slo:checkout_available:error_ratio_rate5m");
        assertThat(PrometheusRules.errorRatio(orders, Duration.ofDays(28))).isEqualTo("slo:orders_complete_in_time:error_ratio_rate28d");
    }

    @Test
    void aGoodSliIsOneMinusGoodOverTotalReadAtItsOffset() {
        assertThat(PrometheusRules.errorRatioExpr(orders, Duration.ofHours(1))).isEqualTo(
                "1 - sum(rate(bazaar_orders_completion_seconds_bucket{le=\"30.0\"}[1h]))"
                        + " / sum(rate(bazaar_orders_placed_total[1h] offset 30s))");
    }

    @Test
    void aBadSliIsBadOverTotal() {
        assertThat(PrometheusRules.errorRatioExpr(checkout, Duration.ofMinutes(30))).isEqualTo(
                "sum(rate(spring_cloud_gateway_requests_seconds_count{routeId=\"ordering\",httpStatusCode=~\"5..\"}[30m]))"
                        + " / sum(rate(spring_cloud_gateway_requests_seconds_count{routeId=\"ordering\"}[30m]))");
    }

    @Test
    void anAlertFiresWhenBothWindowsOfAnyConditionAreAboveItsBurnRate() {
        assertThat(PrometheusRules.alertExpr(checkout, slos.alerting().get(0))).isEqualTo("""
                (
                  slo:checkout_available:error_ratio_rate1h > 14.4 * 0.001
                and
                  slo:checkout_available:error_ratio_rate5m > 14.4 * 0.001
                )
                or
                (
                  slo:checkout_available:error_ratio_rate6h > 6 * 0.001
                and
                  slo:checkout_available:error_ratio_rate30m > 6 * 0.001
                )
                """);
    }

    @Test
    void describesTheAlertWithItsObjectiveAndConditions() {
        assertThat(PrometheusRules.summary(checkout, slos.alerting().get(0)))
                .isEqualTo("Checkout available: the error budget burns too fast (page)");
        assertThat(PrometheusRules.description(slos, checkout, slos.alerting().get(0))).isEqualTo(
                "Checkout answers without a server error. Objective: 99.9% over 28d. Errors spend its budget more than 14.4 times as"
                        + " fast as the period allows over both the last 1h and 5m (2.1% of the budget in 1h), or more than 6 times as fast as"
                        + " the period allows over both the last 6h and 30m (5.4% of the budget in 6h). See docs/slos.md#checkout-available.");
    }

    @Test
    void quotesForYamlWithoutTouchingPromql() {
        assertThat(PrometheusRules.quoted("m{a=\"it's\"}")).isEqualTo("'m{a=\"it''s\"}'");
    }
}
