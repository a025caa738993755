package dev.bazaar.gateway;

import java.time.Duration;

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

/** The overview is composed from each owning service, and still comes, on time, when one of them is slow or down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bazaar.gateway.compositions.order-overview.timeout=2s")
class ComposedAnswersIT {

    private static final String ORDER = "0b5e3f7a-4a4e-4d8e-9a51-3c1b2f6a9d10";

    private static final TestBackend ordering = TestBackend.started(exchange -> {
        if (exchange.getRequestURI().getPath().endsWith(ORDER)) {
            TestBackend.respond(exchange, 200, "application/json", "{\"orderId\":\"" + ORDER
                    + "\",\"status\":\"SHIPPED\",\"total\":{\"amount\":109.00,\"currency\":\"EUR\"}}");
        } else {
            TestBackend.respond(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Unknown order\"}");
        }
    });
    private static final TestBackend inventory = TestBackend.started(exchange ->
            TestBackend.respond(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"none\"}"));
    /**
     * Answers long after the part's deadline. The deadline (2 s) leaves room for the first request through a cold
     * gateway on a busy machine: at 500 ms, ordering's part once timed out during a full build.
     */
    private static final TestBackend payment = TestBackend.started(exchange -> {
        try {
            Thread.sleep(8_000);
            TestBackend.respond(exchange, 200, "application/json", "{\"status\":\"CAPTURED\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    });
    /** Not running: connections refused. */
    private static final TestBackend fulfillment = TestBackend.stopped(exchange ->
            TestBackend.respond(exchange, 200, "application/json", "{}"));

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.ordering", ordering::url);
        registry.add("bazaar.gateway.instances.inventory", inventory::url);
        registry.add("bazaar.gateway.instances.payment", payment::url);
        registry.add("bazaar.gateway.instances.fulfillment", fulfillment::url);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopBackends() {
        ordering.stop();
        inventory.stop();
        payment.stop();
        fulfillment.stop();
    }

    @Test
    void eachPartComesFromItsServiceAndASlowOrDownOneIsMarkedUnavailableOnTime() {
        long started = System.nanoTime();

        client.get().uri("/api/orders/" + ORDER + "/overview").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(ORDER)
                .jsonPath("$.order.state").isEqualTo("ok")
                .jsonPath("$.order.value.status").isEqualTo("SHIPPED")
                .jsonPath("$.reservation.state").isEqualTo("none")
                .jsonPath("$.payment.state").isEqualTo("unavailable")
                .jsonPath("$.payment.detail").isEqualTo("The payment service did not answer within 2000 ms.")
                .jsonPath("$.shipment.state").isEqualTo("unavailable");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(5_000));
    }

    /** A part is its service's answer as written: an amount of 109.00 stays 109.00, not the double 109.0. */
    @Test
    void aPartKeepsItsServicesNumbersAsWritten() {
        client.get().uri("/api/orders/" + ORDER + "/overview").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"total\":{\"amount\":109.00,\"currency\":\"EUR\"}"));
    }

    @Test
    void anUnknownOrderIsOrderingsOwn404() {
        client.get().uri("/api/orders/00000000-0000-0000-0000-000000000000/overview").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Unknown order");
    }
}
