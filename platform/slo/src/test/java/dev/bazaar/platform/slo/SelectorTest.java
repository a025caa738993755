package dev.bazaar.platform.slo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectorTest {

    @Test
    void readsAMetricAndItsMatchersAndWritesThemBackAsPromql() {
        Selector selector = Selector.parse("http_server_requests_seconds_bucket{ uri =~ \"/api/catalog/.*\", method=\"GET\",status!~'5..', le=\"0.25\" }");

        assertThat(selector.metric()).isEqualTo("http_server_requests_seconds_bucket");
        assertThat(selector.matchers()).extracting(Selector.LabelMatcher::op)
                .containsExactly(Selector.Op.RE, Selector.Op.EQ, Selector.Op.NRE, Selector.Op.EQ);
        assertThat(selector.promql())
                .isEqualTo("http_server_requests_seconds_bucket{uri=~\"/api/catalog/.*\",method=\"GET\",status!~\"5..\",le=\"0.25\"}");
        assertThat(Selector.parse(selector.promql())).isEqualTo(selector);
    }

    @Test
    void aBareNameIsASelectorWithoutMatchers() {
        assertThat(Selector.parse("bazaar_orders_placed_total").promql()).isEqualTo("bazaar_orders_placed_total");
        assertThat(Selector.parse("bazaar_orders_placed_total{}").matchers()).isEmpty();
    }

    @Test
    void escapesQuotesAndBackslashesBothWays() {
        Selector selector = Selector.parse("m_total{path=\"a\\\"b\\\\c\"}");

        assertThat(selector.matchers().get(0).value()).isEqualTo("a\"b\\c");
        assertThat(selector.promql()).isEqualTo("m_total{path=\"a\\\"b\\\\c\"}");
    }

    @Test
    void matchesSeriesAsPrometheusDoes() {
        Selector checkoutErrors = Selector.parse(
                "spring_cloud_gateway_requests_seconds_count{routeId=\"ordering\", httpMethod=\"POST\", httpStatusCode=~\"5..\"}");
        Map<String, String> failed = Map.of("routeId", "ordering", "httpMethod", "POST", "httpStatusCode", "503", "outcome", "SERVER_ERROR");

        assertThat(checkoutErrors.matches("spring_cloud_gateway_requests_seconds_count", failed)).isTrue();
        assertThat(checkoutErrors.matches("spring_cloud_gateway_requests_seconds_count",
                Map.of("routeId", "ordering", "httpMethod", "POST", "httpStatusCode", "202"))).isFalse();
        assertThat(checkoutErrors.matches("spring_cloud_gateway_requests_seconds_sum", failed)).as("another metric").isFalse();
        // A regular expression matches the whole value, not a part of it.
        assertThat(checkoutErrors.matches("spring_cloud_gateway_requests_seconds_count",
                Map.of("routeId", "ordering", "httpMethod", "POST", "httpStatusCode", "5030"))).isFalse();
    }

    @Test
    void aMissingLabelReadsAsEmpty() {
        Map<String, String> none = Map.of();

        assertThat(Selector.parse("m_total{env=\"\"}").matches("m_total", none)).isTrue();
        assertThat(Selector.parse("m_total{env!=\"prod\"}").matches("m_total", none)).isTrue();
        assertThat(Selector.parse("m_total{env=~\"prod|\"}").matches("m_total", none)).isTrue();
        assertThat(Selector.parse("m_total{env!~\".+\"}").matches("m_total", none)).isTrue();
        assertThat(Selector.parse("m_total{env=\"prod\"}").matches("m_total", none)).isFalse();
    }

    @Test
    void refusesWhatIsNotASelectorSayingWhere() {
        assertThatThrownBy(() -> Selector.parse("sum(rate(m_total[5m]))"))
                .hasMessageContaining("unexpected '(rate(m_total[5m]))'");
        assertThatThrownBy(() -> Selector.parse("m_total{le=30}")).hasMessage("expected a quoted value at position 12 of 'm_total{le=30}'");
        assertThatThrownBy(() -> Selector.parse("m_total{le==\"30\"}")).hasMessageContaining("expected a quoted value");
        assertThatThrownBy(() -> Selector.parse("m_total{le=\"30\"")).hasMessageContaining("ends early");
        assertThatThrownBy(() -> Selector.parse("m_total{le=\"30}")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Selector.parse("m_total{a=\"1\" b=\"2\"}")).hasMessageContaining("expected ',' or '}'");
        assertThatThrownBy(() -> Selector.parse("m_total{a=~\"(\"}")).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> Selector.parse("9lives_total")).hasMessageContaining("expected a metric name");
        assertThatThrownBy(() -> Selector.parse(" ")).hasMessage("a selector is missing");
    }
}
