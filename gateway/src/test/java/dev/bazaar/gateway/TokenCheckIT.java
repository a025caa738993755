package dev.bazaar.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bearer token is checked at the door against the issuer's published keys: a forged, expired, unsigned,
 * foreign or misaddressed one is a 401 problem with {@code WWW-Authenticate}, and never reaches a service. A valid one
 * is passed on; a request without one passes as anonymous. Rate limits count a signed-in caller by subject.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bazaar.issuer=" + TokenCheckIT.ISSUER,
        "bazaar.gateway.rate-limits.classes.checkout.limit=2",
        "bazaar.gateway.rate-limits.classes.checkout.window=60s"})
class TokenCheckIT {

    static final String ISSUER = "http://issuer.test";
    private static final RSAKey KEY = key();
    private static final RSAKey FOREIGN_KEY = key();

    /** How the issuer answers a read of its keys: 200 with them, or 503 as a busy identity does, or 404. */
    private static volatile int keysStatus = 200;

    /** The issuer's JWKS, and a service that says which Authorization it received. */
    private static final TestBackend issuer = TestBackend.started(exchange -> TestBackend.respond(exchange, keysStatus,
            "application/json", keysStatus == 200 ? new JWKSet(KEY).toPublicJWKSet().toString() : "{}"));
    private static final TestBackend ordering = TestBackend.started(exchange -> {
        if (exchange.getRequestURI().getPath().startsWith("/api/customers/")) {
            TestBackend.respond(exchange, 200, "application/json", "{\"ordersOf\":\"" + exchange.getRequestURI() + "\"}");
        } else {
            TestBackend.respond(exchange, 200, "text/plain", "ordering saw " + exchange.getRequestHeaders().getFirst("Authorization"));
        }
    });
    private static final TestBackend customer = TestBackend.started(exchange -> TestBackend.respond(exchange, 200,
            "application/json", "{\"profileOf\":\"" + exchange.getRequestURI() + "\"}"));

    @LocalServerPort
    int port;

    WebTestClient client;

    @Autowired
    ReactiveJwtDecoder decoder;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("bazaar.jwk-set-uri", () -> issuer.url() + "/oauth2/jwks");
        registry.add("bazaar.gateway.instances.ordering", ordering::url);
        registry.add("bazaar.gateway.instances.customer", customer::url);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopBackends() {
        issuer.stop();
        ordering.stop();
        customer.stop();
    }

    @Test
    void aValidTokenIsPassedOnToTheService() {
        String token = sign(KEY, claims("ada").build());

        for (int time = 0; time < 2; time++) {
            client.get().uri("/api/orders/1").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("ordering saw Bearer " + token);
        }
        assertThat(decoder).as("the token decoder keeps what it checked").isInstanceOf(CheckedTokens.class);
    }

    @Test
    void withoutATokenTheRequestPassesAsAnonymousForTheServiceToJudge() {
        client.get().uri("/api/orders/1").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ordering saw null");
    }

    @Test
    void everyKindOfBadTokenIsA401ProblemAndReachesNoService() {
        int hitsBefore = ordering.hits();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String unsigned = "The bearer token is not one that this platform's identity provider signed: it is malformed, unsigned or forged.";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(sign(FOREIGN_KEY, claims("ada").build()), unsigned);                           // forged: another key
        refused.put(sign(KEY, claims("ada").issueTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build()),
                "The bearer token has expired: sign in again for a new one.");
        refused.put(new PlainJWT(claims("ada").build()).serialize(), unsigned);                     // alg: none
        refused.put(sign(KEY, claims("ada").audience("another-platform").build()),
                "The bearer token is meant for another audience than this platform.");
        refused.put(sign(KEY, claims("ada").issuer("http://evil.test").build()),
                "The bearer token was issued by another identity provider than this platform's.");
        refused.put("not-a-token", unsigned);

        refused.forEach((token, why) -> {
            client.post().uri("/api/orders").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueMatches("WWW-Authenticate", "Bearer error=\"invalid_token\".*")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.title").isEqualTo("Unauthorized")
                    .jsonPath("$.detail").isEqualTo(why);
        });
        assertThat(ordering.hits()).as("requests that reached ordering").isEqualTo(hitsBefore);
    }

    @Test
    void aTokenThatCannotBeCheckedForWantOfTheIssuersKeysIsA503ToRetryAndReachesNoService() throws InterruptedException {
        int hitsBefore = ordering.hits();
        keysStatus = 503;
        try {
            awaitTheLastKeyReadStale();
            // Signed with a key the gateway has not read: it must read the issuer's keys again, and cannot.
            client.get().uri("/api/orders/1").header("Authorization", "Bearer " + sign(FOREIGN_KEY, claims("ada").build())).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://bazaar.dev/problems/keys-unavailable");
            // Keys that are not where the gateway was told they are: a mistake to see, not a 503 to retry forever.
            keysStatus = 404;
            awaitTheLastKeyReadStale();
            client.get().uri("/api/orders/1").header("Authorization", "Bearer " + sign(FOREIGN_KEY, claims("ada").build())).exchange()
                    .expectStatus().isEqualTo(500);
        } finally {
            keysStatus = 200;
            awaitTheLastKeyReadStale();
        }
        assertThat(ordering.hits()).as("requests that reached ordering").isEqualTo(hitsBefore);
    }

    @Test
    void tokensNamingKeysTheIssuerNeverMadeReadItsKeysAtMostOnceASecond() throws InterruptedException {
        awaitTheLastKeyReadStale();
        int readsBefore = issuer.hits();
        long started = System.nanoTime();
        for (int token = 0; token < 20; token++) {
            client.get().uri("/api/orders/1").header("Authorization", "Bearer " + sign(FOREIGN_KEY, UUID.randomUUID().toString(), claims("ada").build()))
                    .exchange().expectStatus().isUnauthorized();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // Read once per token before: twenty reads through the gateway to identity, for tokens anyone can make up.
        assertThat(issuer.hits() - readsBefore).as("reads of the keys for 20 tokens in %d s", seconds).isBetween(1, (int) seconds + 1);
    }

    /** A read of the keys is answered for a second after it (IssuerKeys): wait that out, so the next read is new. */
    private static void awaitTheLastKeyReadStale() throws InterruptedException {
        Thread.sleep(IssuerKeys.REUSED_FOR.toMillis() + 100);
    }

    @Test
    void meIsComposedForTheSignedInCallerOnlyAndOnlyAboutThem() {
        String ada = "ada-" + UUID.randomUUID();

        client.get().uri("/api/me").header("Authorization", "Bearer " + sign(KEY, claims(ada).build())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.subject").isEqualTo(ada)
                .jsonPath("$.profile.value.profileOf").isEqualTo("/api/customers/" + ada)
                .jsonPath("$.orders.value.ordersOf").isEqualTo("/api/customers/" + ada + "/orders?size=5");
        client.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aSignedInCallerHasABudgetOfTheirOwn() {
        String grace = sign(KEY, claims("grace-" + UUID.randomUUID()).build());
        String alan = sign(KEY, claims("alan-" + UUID.randomUUID()).build());

        for (int order = 0; order < 2; order++) {
            client.post().uri("/api/orders").header("Authorization", "Bearer " + grace).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isOk();
        }
        client.post().uri("/api/orders").header("Authorization", "Bearer " + grace).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isEqualTo(429);
        client.post().uri("/api/orders").header("Authorization", "Bearer " + alan).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isOk();
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience("bazaar")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("roles", List.of("shopper"));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, key.getKeyID(), claims);
    }

    private static String sign(RSAKey key, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
