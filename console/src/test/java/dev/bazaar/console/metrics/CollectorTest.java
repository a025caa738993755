package dev.bazaar.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.bazaar.platform.slo.Slos;
import org.junit.jupiter.api.Test;

class CollectorTest {

    private static final Target ORDERING = new Target("ordering", "ordering", URI.create("http://127.0.0.1:8084"));
    private static final Target ORDERING_2 = new Target("ordering", "ordering-2", URI.create("http://127.0.0.1:8184"));
    private final Collector collector = new Collector(new Measures(Slos.bundled()));

    @Test
    void countersAreSummedOverInstancesAndCarriedOverARestartAndWhileAnInstanceIsDown() {
        Snapshot first = collector.collect(Instant.EPOCH, List.of(
                up(ORDERING, Map.of("orders-placed", 10.0, "outbox-backlog", 3.0)),
                up(ORDERING_2, Map.of("orders-placed", 5.0, "outbox-backlog", 2.0))));
        assertThat(first.value("orders-placed")).isEqualTo(15.0);
        assertThat(first.value("ordering/outbox-backlog")).isEqualTo(5.0);
        assertThat(first.value("ordering/up")).isEqualTo(2.0);

        // ordering-2 is down: its count stays in, its gauge does not.
        Snapshot second = collector.collect(Instant.EPOCH.plusSeconds(5), List.of(
                up(ORDERING, Map.of("orders-placed", 12.0, "outbox-backlog", 1.0)), down(ORDERING_2)));
        assertThat(second.value("orders-placed")).isEqualTo(17.0);
        assertThat(second.value("ordering/outbox-backlog")).isEqualTo(1.0);
        assertThat(second.value("ordering/up")).isEqualTo(1.0);
        assertThat(second.value("ordering/instances")).isEqualTo(2.0);

        // ordering-2 restarted from 0 and counted 1 more: the platform's count goes on from 17.
        Snapshot third = collector.collect(Instant.EPOCH.plusSeconds(10), List.of(
                up(ORDERING, Map.of("orders-placed", 12.0)), up(ORDERING_2, Map.of("orders-placed", 1.0))));
        assertThat(third.value("orders-placed")).isEqualTo(18.0);
    }

    @Test
    void splitMeasuresAreKeptPerLabelValue() {
        Measures measures = new Measures(Slos.bundled());
        Map<String, Double> values = measures.valuesIn(Exposition.parse("""
                bazaar_orders_completion_seconds_count{outcome="delivered"} 4.0
                bazaar_orders_completion_seconds_count{outcome="rejected"} 1.0
                http_server_requests_seconds_count{uri="/api/orders",status="201"} 3.0
                http_server_requests_seconds_count{uri="/api/orders",status="503"} 1.0
                http_server_requests_seconds_count{uri="/actuator/health",status="200"} 9.0
                """, measures::wants));

        assertThat(values).containsEntry("orders-ended|delivered", 4.0).containsEntry("orders-ended|rejected", 1.0)
                .containsEntry("requests", 4.0).containsEntry("errors", 1.0);
    }

    private static Collector.Scrape up(Target target, Map<String, Double> values) {
        return new Collector.Scrape(target, true, values);
    }

    private static Collector.Scrape down(Target target) {
        return new Collector.Scrape(target, false, Map.of());
    }
}
