package dev.bazaar.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bazaar.gateway.response-timeout=300ms",
        "bazaar.gateway.breaker.sliding-window=4",
        "bazaar.gateway.breaker.minimum-calls=4",
        "bazaar.gateway.breaker.open-for=30s"})
class CircuitBreakerIT {

    /** Answers long after the route's response timeout. */
    private static final TestBackend slowInventory = TestBackend.started(exchange -> {
        try {
            Thread.sleep(2_000);
            TestBackend.respond(exchange, 200, "application/json", "{}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    });
    private static final TestBackend overloadedCustomer = TestBackend.started(exchange -> TestBackend.respond(exchange,
            503, "application/problem+json", "{\"status\":503,\"title\":\"customer overloaded\"}"));
    private static final TestBackend faultyPayment = TestBackend.started(exchange -> TestBackend.respond(exchange,
            500, "application/problem+json", "{\"status\":500,\"title\":\"payment fault\"}"));
    private static final TestBackend ordering = TestBackend.stopped(exchange -> TestBackend.respond(exchange,
            200, "application/json", "{\"items\":[]}", "X-Backend", "ordering"));

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.inventory", slowInventory::url);
        registry.add("bazaar.gateway.instances.customer", overloadedCustomer::url);
        registry.add("bazaar.gateway.instances.payment", faultyPayment::url);
        registry.add("bazaar.gateway.instances.ordering", ordering::url);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopBackends() {
        slowInventory.stop();
        overloadedCustomer.stop();
        faultyPayment.stop();
        ordering.stop();
    }

    @Test
    void opensAfterTimeoutsAndThenAnswersAtOnceWithoutCallingTheService() {
        for (int call = 0; call < 4; call++) {
            client.get().uri("/api/inventory/stock/BOOK-001").exchange()
                    .expectStatus().isEqualTo(504)
                    .expectBody().jsonPath("$.service").isEqualTo("inventory");
        }
        assertThat(slowInventory.hits()).isEqualTo(4);
        assertThat(breakers.circuitBreaker("inventory").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long started = System.nanoTime();
        client.get().uri("/api/inventory/stock/BOOK-001").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("inventory")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("inventory"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(slowInventory.hits()).isEqualTo(4);
    }

    @Test
    void passesAServicesUnavailableAnswersOnButCountsThemAgainstItsBreaker() {
        for (int call = 0; call < 4; call++) {
            client.get().uri("/api/customers/c-1").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("customer overloaded")
                    .jsonPath("$.service").doesNotExist();
        }
        assertThat(overloadedCustomer.hits()).isEqualTo(4);

        client.get().uri("/api/customers/c-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
                .expectBody().jsonPath("$.service").isEqualTo("customer");
        assertThat(overloadedCustomer.hits()).isEqualTo(4);
    }

    @Test
    void doesNotTakeAFaultAnsweringOneRequestForAServiceThatIsGone() {
        for (int call = 0; call < 6; call++) {
            client.get().uri("/api/payments/o-1").exchange()
                    .expectStatus().isEqualTo(500)
                    .expectBody().jsonPath("$.title").isEqualTo("payment fault");
        }

        assertThat(faultyPayment.hits()).isEqualTo(6);
        assertThat(breakers.circuitBreaker("payment").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void usesAServiceThatRefusedConnectionsTheMomentItListensAgain() {
        for (int call = 0; call < 6; call++) {
            long started = System.nanoTime();
            client.get().uri("/api/customers/c-1/orders").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
                    .expectBody().jsonPath("$.service").isEqualTo("ordering");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        assertThat(breakers.circuitBreaker("ordering").getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        ordering.start();

        client.get().uri("/api/customers/c-1/orders").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Backend", "ordering");
    }

    @Test
    void aTrialThatFailedWhileTheServiceWasDownDoesNotReopenTheBreakerOnceItIsBack() {
        CircuitBreaker breaker = breakers.circuitBreaker("fulfillment");
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        breaker.onError(0, TimeUnit.MILLISECONDS, new IllegalStateException("still down"));
        assertThat(breaker.getState()).as("a failed trial opens it again at once").isEqualTo(CircuitBreaker.State.OPEN);

        breaker.transitionToHalfOpenState();
        breaker.onSuccess(0, TimeUnit.MILLISECONDS);
        assertThat(breaker.getState()).as("the first success after the outage closes it").isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
