package dev.bazaar.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

/** Catalog reads keep working from the gateway's memory while catalog is down; nothing else does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogFallbackIT {

    private static final AtomicBoolean overloaded = new AtomicBoolean();

    /**
     * A catalog that knows every SKU but UNKNOWN-*, tells each answer apart by a serial number, and
     * answers 503 to everything while {@link #overloaded}.
     */
    private static final TestBackend catalog = TestBackend.started(exchange -> {
        String path = exchange.getRequestURI().getPath();
        if (overloaded.get()) {
            TestBackend.respond(exchange, 503, "application/problem+json", "{\"status\":503}");
        } else if (path.contains("UNKNOWN")) {
            TestBackend.respond(exchange, 404, "application/problem+json", "{\"status\":404}");
        } else {
            TestBackend.respond(exchange, 200, "application/json",
                    "{\"uri\":\"" + exchange.getRequestURI() + "\",\"serial\":" + System.nanoTime() + "}");
        }
    });

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.catalog", catalog::url);
    }

    /** Each test starts with catalog up and its breaker closed; answers kept by earlier tests stay. */
    @BeforeEach
    void catalogUp() {
        overloaded.set(false);
        catalog.start();
        breakers.circuitBreaker("catalog").reset();
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopCatalog() {
        catalog.stop();
    }

    @Test
    void servesTheLastAnswerMarkedStaleOnceCatalogIsDown() {
        String fresh = read("/api/catalog/products/BOOK-001");

        catalog.stop();

        client.get().uri("/api/catalog/products/BOOK-001").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Bazaar-Stale", "true")
                .expectHeader().valueEquals("Warning", "110 - \"Response is Stale\"")
                .expectHeader().value(HttpHeaders.AGE, age -> assertThat(Long.parseLong(age)).isBetween(0L, 60L))
                .expectBody(String.class).isEqualTo(fresh);
    }

    /**
     * Catalog killed while the gateway's pooled connections to it were being reused: the request goes out on a
     * connection whose other end is gone, and the answer is a reset, not a refusal. The service hung up: a read never
     * answered before gets the 502 problem, one answered before its last answer.
     */
    @Test
    void servesTheLastAnswerWhenCatalogResetsTheConnection() throws Exception {
        String fresh = read("/api/catalog/products/BOOK-002");
        catalog.stop();

        try (Resetting resetting = new Resetting(catalog.port())) {
            client.get().uri("/api/catalog/products/BOOK-404").exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/bad-gateway")
                    .jsonPath("$.service").isEqualTo("catalog");
            client.get().uri("/api/catalog/products/BOOK-002").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Bazaar-Stale", "true")
                    .expectBody(String.class).isEqualTo(fresh);
            assertThat(resetting.resets()).as("connections reset").isPositive();
        }
    }

    @Test
    void servesStaleAnswersQuicklyOnceRepeatedFailuresOpenedTheBreaker() {
        String fresh = read("/api/catalog/products?category=books&page=0");
        overloaded.set(true);
        for (int call = 0; call < 5; call++) {
            client.get().uri("/api/catalog/products?category=garden").exchange().expectStatus().isEqualTo(503);
        }
        assertThat(breakers.circuitBreaker("catalog").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int hits = catalog.hits();

        long started = System.nanoTime();
        client.get().uri("/api/catalog/products?category=books&page=0").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Bazaar-Stale", "true")
                .expectBody(String.class).isEqualTo(fresh);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(catalog.hits()).isEqualTo(hits);
        client.get().uri("/api/catalog/products?category=garden").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.service").isEqualTo("catalog");
    }

    @Test
    void answersAProblemForAReadItHasNeverSeenWhileCatalogIsDown() {
        read("/api/catalog/products?page=0");
        catalog.stop();

        client.get().uri("/api/catalog/products?page=1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().doesNotExist("X-Bazaar-Stale")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("catalog")
                .jsonPath("$.instance").isEqualTo("/api/catalog/products");
    }

    @Test
    void keepsOnlySuccessfulAnswers() {
        client.get().uri("/api/catalog/products/UNKNOWN-1").exchange().expectStatus().isNotFound();
        catalog.stop();

        client.get().uri("/api/catalog/products/UNKNOWN-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("catalog");
    }

    @Test
    void neverAnswersAWriteFromMemory() {
        read("/api/catalog/products/TECH-002");
        catalog.stop();

        client.post().uri("/api/catalog/products/TECH-002").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().doesNotExist("X-Bazaar-Stale");
    }

    @Test
    void servesFreshAnswersWhileCatalogIsUp() {
        String first = read("/api/catalog/products/HOME-003");
        String second = read("/api/catalog/products/HOME-003");

        assertThat(second).isNotEqualTo(first);
    }

    /** Listens on a port and resets (RST) every connection once the request has arrived, as a dead process's host does. */
    private static final class Resetting implements AutoCloseable {

        private final ServerSocket listener;
        private final AtomicInteger resets = new AtomicInteger();

        Resetting(int port) throws IOException {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            Thread thread = new Thread(this::resetEach, "resetting-" + port);
            thread.setDaemon(true);
            thread.start();
        }

        private void resetEach() {
            while (!listener.isClosed()) {
                try (Socket connection = listener.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    connection.setSoLinger(true, 0);
                    resets.incrementAndGet();
                } catch (IOException closed) {
                    // The listener was closed, or the gateway hung up first.
                }
            }
        }

        int resets() {
            return resets.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private String read(String uri) {
        return client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-Bazaar-Stale")
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
