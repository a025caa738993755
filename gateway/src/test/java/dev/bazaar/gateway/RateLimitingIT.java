package dev.bazaar.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A caller over its budget is refused at the gateway with a 429 problem, and let through again once it refills. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bazaar.gateway.rate-limits.classes.checkout.limit=3",
        "bazaar.gateway.rate-limits.classes.checkout.window=2s",
        "bazaar.gateway.rate-limits.classes.sign-in.limit=2",
        "bazaar.gateway.rate-limits.classes.sign-up.limit=2",
        "bazaar.gateway.rate-limits.proxy-secret=" + RateLimitingIT.PROXY_SECRET})
class RateLimitingIT {

    static final String PROXY_SECRET = "the-shops-secret";

    private static final TestBackend ordering = TestBackend.echo("ordering");
    private static final TestBackend identity = TestBackend.echo("identity");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.gateway.instances.ordering", ordering::url);
        registry.add("bazaar.gateway.instances.identity", identity::url);
    }

    @AfterAll
    static void stopBackend() {
        ordering.stop();
        identity.stop();
    }

    @Test
    void overTheLimitIsA429ProblemWithItsHeadersUntilTheWindowRefills() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        int hitsBefore = ordering.hits();

        for (int placed = 0; placed < 3; placed++) {
            client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Policy", "\"checkout\";q=3;w=2")
                    .expectHeader().valueMatches("RateLimit", "\"checkout\";r=" + (2 - placed) + ";t=\\d+");
        }
        EntityExchangeResult<String> refused = client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("RateLimit-Policy", "\"checkout\";q=3;w=2")
                .expectHeader().valueMatches("RateLimit", "\"checkout\";r=0;t=[12]")
                .expectHeader().valueMatches("Retry-After", "[12]")
                .expectBody(String.class).returnResult();

        assertThat(refused.getResponseBody()).contains("\"status\":429").contains("At most 3 requests of class checkout");
        assertThat(ordering.hits() - hitsBefore).as("the refused order never reached ordering").isEqualTo(3);

        // Reads are another class: the spent checkout budget does not touch them.
        client.get().uri("/api/orders/x").exchange().expectStatus().isOk()
                .expectHeader().valueMatches("RateLimit-Policy", "\"reads\";q=\\d+;w=1");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                        .expectStatus().isOk());
    }

    @Test
    void passwordsPostedToTheSignInFormAreCountedInTheirOwnClassWhileTheFormItselfIsNot() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        for (int tried = 0; tried < 2; tried++) {
            client.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=a&password=b")
                    .exchange().expectStatus().isOk().expectHeader().valueEquals("RateLimit-Policy", "\"sign-in\";q=2;w=60");
        }
        client.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("username=a&password=c")
                .exchange().expectStatus().isEqualTo(429).expectHeader().valueMatches("Retry-After", "\\d+");
        client.get().uri("/login").exchange().expectStatus().isOk().expectHeader().doesNotExist("RateLimit-Policy");
    }

    @Test
    void theShopsAnonymousVisitorsAreCountedEachByTheAddressItPassesOnAndOnlyWithTheProxySecret() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        // Without the secret's help every visitor of the shop would be the shop's address: one budget for them all.
        for (String visitor : List.of("203.0.113.7", "2001:db8::8")) {
            for (int tried = 0; tried < 2; tried++) {
                signUp(client, PROXY_SECRET, visitor).expectStatus().isOk().expectHeader().valueEquals("X-Backend-Saw-Proxy", "null");
            }
            signUp(client, PROXY_SECRET, visitor).expectStatus().isEqualTo(429);
        }
        // Without the secret, X-Forwarded-For is anyone's to write: the request is counted by the socket's address.
        signUp(client, "a-guess", "203.0.113.9").expectStatus().isOk();
        signUp(client, null, "203.0.113.10").expectStatus().isOk();
        signUp(client, null, "203.0.113.11").expectStatus().isEqualTo(429);
    }

    private static WebTestClient.ResponseSpec signUp(WebTestClient client, String secret, String visitor) {
        return client.post().uri("/api/identity/sign-up").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.set("X-Forwarded-For", visitor);
                    if (secret != null) {
                        headers.set(RateLimiting.PROXY, secret);
                    }
                })
                .bodyValue("{}").exchange();
    }

    @Test
    void whatIsNotUnderAnyClassIsNotLimited() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        client.get().uri("/actuator/health").exchange().expectHeader().doesNotExist("RateLimit-Policy");
    }
}
