package dev.bazaar.gateway;

import java.time.Duration;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI over every service of the map, each service's OpenAPI document routed to it, and sign-in offered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

    private static final TestBackend catalog = TestBackend.started(exchange -> TestBackend.respond(exchange, 200,
            "application/json", "{\"openapi\":\"3.1.0\",\"asked\":\"" + exchange.getRequestURI() + "\"}"));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.catalog", catalog::url);
    }

    @AfterAll
    static void stopBackend() {
        catalog.stop();
    }

    @Test
    void eachServicesDocumentIsRoutedToItAndListedInTheSwaggerUi() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();

        client.get().uri("/v3/api-docs/catalog").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.asked").isEqualTo("/v3/api-docs");
        String config = client.get().uri("/gateway/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        for (Component service : Topology.bundled().services()) {
            assertThat(config).contains("\"url\":\"/v3/api-docs/" + service.name() + "\"");
        }
        assertThat(config).contains("oauth2RedirectUrl");
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        // Its files come from springdoc's own handler, with the gateway's static resources turned off.
        client.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
    }
}
