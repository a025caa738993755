package dev.bazaar.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas with {@code rate-limits.store=postgres} on one real PostgreSQL: a caller has one budget, however
 * its requests are spread over the replicas.
 */
class SharedRateLimitIT {

    private static final TestBackend ordering = TestBackend.echo("ordering");
    private static EmbeddedPostgres postgres;
    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    @BeforeAll
    static void twoGatewaysOnOneStore() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        for (int replica = 0; replica < 2; replica++) {
            // Arguments, not default properties: these must win over application.yml.
            gateways.add(new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0",
                    "--bazaar.gateway.instances.ordering=" + ordering.url(),
                    "--bazaar.gateway.rate-limits.store=postgres",
                    "--bazaar.gateway.rate-limits.postgres.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--bazaar.gateway.rate-limits.postgres.username=postgres",
                    "--bazaar.gateway.rate-limits.postgres.password=postgres",
                    "--bazaar.gateway.rate-limits.classes.checkout.limit=4",
                    "--bazaar.gateway.rate-limits.classes.checkout.window=60s"));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        gateways.forEach(ConfigurableApplicationContext::close);
        ordering.stop();
        postgres.close();
    }

    @Test
    void oneBudgetAcrossReplicas() {
        List<Integer> statuses = new ArrayList<>();
        for (int request = 0; request < 8; request++) {
            WebTestClient replica = client(gateways.get(request % 2));
            statuses.add(replica.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().returnResult(String.class).getStatus().value());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429, 429, 429);
        client(gateways.get(0)).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().valueMatches("RateLimit", "\"checkout\";r=0;t=\\d+");
    }

    private static WebTestClient client(ConfigurableApplicationContext gateway) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }
}
