package dev.bazaar.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpositionTest {

    private static final String SCRAPE = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_count{error="none",method="GET",status="200",uri="/api/catalog/products"} 12.0
            http_server_requests_seconds_count{error="none",method="GET",status="500",uri="/api/catalog/{id}"} 1
            bazaar_orders_completion_seconds_bucket{outcome="delivered",le="+Inf"} 7.0
            bazaar_outbox_backlog 0.0
            odd_label{path="a \\"quoted\\" \\\\ back\\nslash",empty=""} NaN 1700000000000
            jvm_threads_live_threads 31.0
            """;

    @Test
    void readsNamesLabelsAndValuesOfTheWantedMetricsOnly() {
        List<Exposition.Sample> samples = Exposition.parse(SCRAPE, name -> !name.equals("jvm_threads_live_threads"));

        assertThat(samples).hasSize(5);
        assertThat(samples.get(0)).isEqualTo(new Exposition.Sample("http_server_requests_seconds_count",
                Map.of("error", "none", "method", "GET", "status", "200", "uri", "/api/catalog/products"), 12.0));
        assertThat(samples.get(1).value()).isEqualTo(1.0);
        assertThat(samples.get(2).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(3)).isEqualTo(new Exposition.Sample("bazaar_outbox_backlog", Map.of(), 0.0));
        assertThat(samples.get(4).labels()).containsEntry("path", "a \"quoted\" \\ back\nslash").containsEntry("empty", "");
        assertThat(samples.get(4).value()).isNaN();
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        assertThatThrownBy(() -> Exposition.parse("ok 1\nbroken{le=\"1\" 2\n", name -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }
}
