package dev.bazaar.platform.testing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service shows a Prometheus server: its requests, JVM, pool, Kafka consumers, outbox and dead letters. */
@ServiceIntegrationTest
class MetricsIT {

    @LocalServerPort
    int port;

    @Test
    void aServiceShowsPrometheusItsRequestsItsResourcesAndItsMessaging() {
        TestHttp.anonymous(port).post().uri("/probe/notes").contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\":\"hello\",\"count\":1}").retrieve().toBodilessEntity();

        String metrics = TestHttp.anonymous(port).get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(metrics)
                .contains("http_server_requests_seconds_count{", "uri=\"/probe/notes\"")
                .contains("jvm_memory_used_bytes{", "hikaricp_connections_active{", "kafka_consumer_")
                .containsPattern("bazaar_outbox_backlog(\\{[^}]*})? \\d")
                // How many depends on the tests before this one in the same context: a count, whatever it is.
                .containsPattern("bazaar_dead_letters(\\{[^}]*})? \\d+\\.0");
    }
}
