package dev.bazaar.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service with several instances, as the launcher's registry file lists them: balanced, followed, routed around. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBalancingIT {

    private static final TestBackend first = TestBackend.echo("ordering-1");
    private static final TestBackend second = TestBackend.echo("ordering-2");
    private static final TestBackend third = TestBackend.echo("ordering-3");
    private static final Path registry = registryFile();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry properties) {
        properties.add("bazaar.gateway.instances-file", registry::toString);
    }

    @BeforeEach
    void bothInstancesUp() throws IOException {
        first.start();
        second.start();
        publish(1, first.url() + "," + second.url());
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
        await().atMost(Duration.ofSeconds(5)).until(() -> version() == 1);
    }

    @AfterAll
    static void stopBackends() {
        first.stop();
        second.stop();
        third.stop();
    }

    @Test
    void spreadsRequestsOverEveryInstance() {
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            backends.add(client.get().uri("/api/orders/o-" + i).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Backend"));
        }

        assertThat(backends).contains("ordering-1", "ordering-2").doesNotContain("ordering-3");
    }

    @Test
    void followsTheRegistryAsItChangesAndSaysWhichVersionItRoutesBy() throws IOException {
        publish(2, third.url());
        await().atMost(Duration.ofSeconds(5)).until(() -> version() == 2);

        third.start();
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/orders").exchange().expectStatus().isOk().expectHeader().valueEquals("X-Backend", "ordering-3");
        }
        client.get().uri("/actuator/instances").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.services.ordering[0]").isEqualTo(third.url());
    }

    @Test
    void aKilledInstanceCostsNoRequestNotEvenAWrite() {
        second.stop();

        for (int i = 0; i < 10; i++) {
            client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":" + i + "}").exchange()
                    .expectStatus().isOk().expectHeader().valueEquals("X-Backend", "ordering-1");
            client.get().uri("/api/orders/o-" + i).exchange().expectStatus().isOk().expectHeader().valueEquals("X-Backend", "ordering-1");
        }
    }

    /**
     * An instance that drops the connection after reading a request (killed mid-request, or a pooled connection it
     * closed): a write with an Idempotency-Key, on one of the service's keyed writes, goes to another instance, which
     * answers; one without a key is not sent twice, as the first instance may have applied it.
     */
    @Test
    void aKeyedWriteWhoseConnectionBrokeIsSentToAnotherInstanceAndAnUnkeyedOneIsNot() throws IOException {
        TestBackend dropping = TestBackend.started(exchange -> {
            exchange.getRequestBody().readAllBytes();
            throw new IOException("dropped before answering");
        });
        // Answers with what it was sent: the retried attempt must carry the body and the key as they came.
        TestBackend answering = TestBackend.started(exchange -> TestBackend.respond(exchange, 200, "text/plain",
                new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                "X-Backend", "customer-1", "X-Backend-Saw-Key", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key"))));
        try {
            // Customer's support requests: its breaker, not ordering's, counts the dropped ones.
            publish(2, first.url() + "," + second.url(), dropping.url() + "," + answering.url());
            await().atMost(Duration.ofSeconds(5)).until(() -> version() == 2);

            // Round robin: within two requests one goes to the dropping instance first. Few calls, so that the dropped
            // ones do not open customer's breaker (five at least).
            for (int i = 0; i < 2 && dropping.hits() == 0; i++) {
                client.post().uri("/api/customers/c-1/support-requests").header("Idempotency-Key", "request-" + i)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"n\":" + i + "}").exchange()
                        .expectStatus().isOk().expectHeader().valueEquals("X-Backend", "customer-1")
                        .expectHeader().valueEquals("X-Backend-Saw-Key", "request-" + i)
                        .expectBody(String.class).isEqualTo("{\"n\":" + i + "}");
            }
            assertThat(dropping.hits()).as("keyed writes that went to the dropping instance, then to the other").isOne();

            List<Integer> unkeyed = new ArrayList<>();
            for (int i = 0; i < 2 && dropping.hits() == 1; i++) {
                unkeyed.add(client.post().uri("/api/customers/c-1/support-requests").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}").exchange().returnResult(String.class).getStatus().value());
            }
            assertThat(dropping.hits()).as("the unkeyed write reached the dropping instance once").isEqualTo(2);
            assertThat(unkeyed.get(unkeyed.size() - 1)).as("an unkeyed write whose connection broke, answered so rather than sent again")
                    .isEqualTo(502);
        } finally {
            dropping.stop();
            answering.stop();
        }
    }

    @Test
    void everyInstanceOfAServiceGoneIsTheUsual503Problem() {
        first.stop();
        second.stop();

        client.get().uri("/api/orders/o-1").exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("ordering"));
    }

    private long version() {
        return client.get().uri("/actuator/instances").exchange().expectStatus().isOk()
                .returnResult(InstancesEndpoint.Registry.class).getResponseBody().blockFirst().version();
    }

    private static void publish(long version, String orderingUrls) throws IOException {
        publish(version, orderingUrls, null);
    }

    private static void publish(long version, String orderingUrls, String customerUrls) throws IOException {
        Path next = registry.resolveSibling("instances.next");
        Files.writeString(next, "version=" + version + "\nordering=" + orderingUrls + "\n"
                + (customerUrls == null ? "" : "customer=" + customerUrls + "\n"));
        Files.move(next, registry, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path registryFile() {
        try {
            return Files.createTempDirectory(Path.of("target"), "gateway-registry").resolve("instances.properties");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
