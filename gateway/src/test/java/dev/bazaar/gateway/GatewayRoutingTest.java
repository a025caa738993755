package dev.bazaar.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final HttpServer catalog = startCatalog();
    private static final int closedPort = freePort();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("CATALOG_URL", () -> "http://127.0.0.1:" + catalog.getAddress().getPort());
        registry.add("ORDERING_URL", () -> "http://127.0.0.1:" + closedPort);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopCatalog() {
        catalog.stop(0);
    }

    @Test
    void forwardsTheUnchangedPathToTheOwningService() {
        client.get().uri("/api/catalog/products?page=2").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Backend", "catalog")
                .expectBody(String.class).isEqualTo("catalog saw /api/catalog/products?page=2");
    }

    @Test
    void answersAProblemNamingTheServiceWhenItIsDown() {
        long started = System.nanoTime();

        client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/service-unavailable")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ordering"))
                .jsonPath("$.service").isEqualTo("ordering")
                .jsonPath("$.instance").isEqualTo("/api/orders");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void answersAProblemForAPathNoServiceOwns() {
        client.get().uri("/api/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void reportsItsHealth() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private static HttpServer startCatalog() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("catalog saw " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Backend", "catalog");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on: taken and released at once. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
