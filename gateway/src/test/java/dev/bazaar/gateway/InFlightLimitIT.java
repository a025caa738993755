package dev.bazaar.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bazaar.gateway.max-in-flight=2",
        "bazaar.gateway.ejection=1m",
        "bazaar.gateway.response-timeout=20s"})
class InFlightLimitIT {

    /** Holds every request until released; a new one for each test. */
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final TestBackend inventory = held();
    private static final TestBackend customerOne = held();
    private static final TestBackend customerTwo = held();
    private static final TestBackend payment = TestBackend.echo("payment");
    private static final TestBackend catalog = held();
    private static final TestBackend ordering = held();
    private static final Path registry = registryFile();
    private static final AtomicLong version = new AtomicLong();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    ServiceInstances instances;

    WebTestClient client;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry properties) {
        properties.add("bazaar.gateway.instances-file", registry::toString);
    }

    @BeforeEach
    void oneInventoryTwoCustomers() throws IOException {
        release = new CountDownLatch(1);
        publish(customerOne.url() + "," + customerTwo.url());
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void releaseTheRest() {
        release.countDown();
    }

    @AfterAll
    static void stopBackends() {
        inventory.stop();
        customerOne.stop();
        customerTwo.stop();
        payment.stop();
        catalog.stop();
        ordering.stop();
    }

    @Test
    void aCallBeyondTheServicesLimitIsRefusedAtTheDoorWithoutReachingItAndRoomIsMadeAsCallsEnd() {
        int before = inventory.hits();
        int failedBefore = breakers.circuitBreaker("inventory").getMetrics().getNumberOfFailedCalls();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/inventory/stock/BOOK-001", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> inventory.hits() == before + 2);

        long started = System.nanoTime();
        client.get().uri("/api/inventory/stock/BOOK-001").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy")
                .jsonPath("$.service").isEqualTo("inventory");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(inventory.hits()).as("requests that reached inventory").isEqualTo(before + 2);
        assertThat(prometheus()).as("what the limit was compared with")
                .contains("bazaar_gateway_calls_in_flight{service=\"inventory\"} 2.0");
        assertThat(breakers.circuitBreaker("inventory").getMetrics().getNumberOfFailedCalls())
                .as("a busy service is not a failing one").isEqualTo(failedBefore);
        client.get().uri("/api/inventory/stock/BOOK-002").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy");

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        client.get().uri("/api/inventory/stock/BOOK-001").exchange().expectStatus().isOk();
        assertThat(inventory.hits()).isEqualTo(before + 3);
    }

    @Test
    void aServiceWithTwoInstancesHasRoomForTwiceAsMany() {
        int before = customerOne.hits() + customerTwo.hits();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/customers/c-1", 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> customerOne.hits() + customerTwo.hits() == before + 4);

        client.get().uri("/api/customers/c-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy");
        assertThat(customerOne.hits() + customerTwo.hits()).isEqualTo(before + 4);

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void anInstanceLeftOutForRefusingConnectionsGivesItsServiceNoRoom() throws IOException {
        URI gone = URI.create("http://127.0.0.1:" + TestBackend.freePort());
        publish(customerOne.url() + "," + gone);
        instances.eject(gone);
        int before = customerOne.hits();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/customers/c-3", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> customerOne.hits() == before + 2);

        // Room for two: the instance left out takes no calls, so the one that does has them all.
        client.get().uri("/api/customers/c-3").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy");
        assertThat(customerOne.hits()).isEqualTo(before + 2);

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void aServiceScaledDownWhileBusyRefusesAtOnceAndNothingElseWaits() throws IOException {
        int before = customerOne.hits() + customerTwo.hits();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/customers/c-2", 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> customerOne.hits() + customerTwo.hits() == before + 4);

        publish(customerOne.url());
        long started = System.nanoTime();
        client.get().uri("/api/customers/c-2").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy");
        client.get().uri("/api/payments/p-1").exchange().expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("four calls in flight where there is room for two: "
                + "refused and routed without waiting for them").isLessThan(Duration.ofSeconds(2));
        assertThat(customerOne.hits() + customerTwo.hits()).isEqualTo(before + 4);

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        client.get().uri("/api/customers/c-2").exchange().expectStatus().isOk();
    }

    @Test
    void aCatalogReadSeenBeforeIsAnsweredFromMemoryWhileCatalogIsBusy() {
        release.countDown();
        byte[] fresh = client.get().uri("/api/catalog/products?page=0").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        release = new CountDownLatch(1);
        int before = catalog.hits();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/catalog/products/BOOK-001", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.hits() == before + 2);

        client.get().uri("/api/catalog/products?page=0").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(StaleReadFallbackFilter.STALE_HEADER, "true")
                .expectBody().consumeWith(answer -> assertThat(answer.getResponseBody()).isEqualTo(fresh));
        client.get().uri("/api/catalog/products?page=1").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-busy");
        assertThat(catalog.hits()).as("requests that reached catalog").isEqualTo(before + 2);

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void anAnswerComposedAtTheGatewayIsNotRefusedAtTheDoorWhileItsServiceIsBusy() {
        int before = ordering.hits();
        List<CompletableFuture<HttpResponse<String>>> inFlight = send("/api/orders/o-1", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ordering.hits() == before + 2);
        client.get().uri("/api/orders/o-2").exchange().expectStatus().isEqualTo(503);

        // The overview is on ordering's path, but composed, not routed: its part from ordering has its own deadline.
        client.get().uri("/api/orders/o-1/overview").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.order.state").isEqualTo("unavailable");
        assertThat(ordering.hits()).as("the overview's call reached ordering").isEqualTo(before + 3);

        release.countDown();
        assertThat(inFlight).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    private String prometheus() {
        return new String(client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The launcher's registry file with one inventory, payment, catalog and ordering, and these customers; waits until it is read. */
    private void publish(String customerUrls) throws IOException {
        long next = version.incrementAndGet();
        Path written = registry.resolveSibling("instances.next");
        Files.writeString(written, "version=" + next + "\ninventory=" + inventory.url() + "\npayment=" + payment.url() + "\ncatalog=" + catalog.url() + "\nordering=" + ordering.url()
                + "\ncustomer=" + customerUrls + "\n");
        Files.move(written, registry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(5)).until(() -> instances.version() == next);
    }

    private static Path registryFile() {
        try {
            return Files.createTempDirectory(Path.of("target"), "gateway-registry").resolve("instances.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<CompletableFuture<HttpResponse<String>>> send(String path, int count) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return IntStream.range(0, count).mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
    }

    private static TestBackend held() {
        return TestBackend.started(exchange -> {
            try {
                release.await();
                TestBackend.respond(exchange, 200, "application/json", "{\"answered\":\"" + exchange.getRequestURI() + "\"}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
