package dev.bazaar.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.bazaar.identity.adapter.security.SigningKeys;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ServiceIntegrationTest
@TestPropertySource(properties = {"identity.operator.secret=operator-test-secret", "identity.staff.password=staff-test-password",
        "identity.browser-clients.storefront.secret=storefront-test-secret",
        "identity.browser-clients.storefront.redirect-uris=" + IdentityIT.STOREFRONT,
        "identity.browser-clients.console.secret=console-test-secret", "identity.browser-clients.console.redirect-uris=" + IdentityIT.CONSOLE})
class IdentityIT {

    static final String STOREFRONT = "http://127.0.0.1/storefront/callback";
    static final String CONSOLE = "http://127.0.0.1:8088/login/oauth2/code/identity";
    private static final String TOPIC = "identity.events";
    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private RestClient http;
    private SignInFlow flow;

    @BeforeEach
    void clients() {
        http = TestHttp.client(port);
        flow = new SignInFlow(port);
    }

    @Test
    void aShopperSignsUpSignsInWithPkceAndGetsShortTokensNamingTheirAccount() throws Exception {
        String email = uniqueEmail();

        ResponseEntity<Map<String, Object>> answer = signUp(email, PASSWORD);

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        UUID id = jdbc.sql("select id from account where email = :email").param("email", email).query(UUID.class).single();
        ConsumerRecord<String, String> signedUp = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("ShopperSignedUp", id.toString()));
        Contracts.assertConforms("identity", "ShopperSignedUp", signedUp.value());
        assertThat(signedUp.value()).contains(email).contains("Ada Lovelace").doesNotContain(PASSWORD);
        assertThat(jdbc.sql("select password_hash from account where id = :id").param("id", id).query(String.class).single())
                .startsWith("{argon2}$argon2id$").doesNotContain(PASSWORD);

        JsonNode tokens = flow.signIn(email, PASSWORD).orElseThrow();
        JsonNode claims = SignInFlow.claims(tokens.path("access_token").asString());
        assertThat(claims.path("sub").asString()).isEqualTo(id.toString());
        assertThat(claims.path("iss").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(claims.path("aud").toString()).contains("\"bazaar\"");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"shopper\"]");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600);
        String kid = SignInFlow.header(tokens.path("access_token").asString()).path("kid").asString();
        assertThat(flow.get("/oauth2/jwks").body()).contains(kid).doesNotContain("\"d\"");

        assertThat(tokens.has("refresh_token")).as("a public client keeps no refresh token").isFalse();
    }

    @Test
    void theStorefrontAConfidentialClientRefreshesItsShoppersTokensEachRefreshTokenOnce() throws Exception {
        String email = uniqueEmail();
        signUp(email, PASSWORD);

        JsonNode tokens = flow.signIn(email, PASSWORD, "storefront", "storefront-test-secret", STOREFRONT).orElseThrow();
        assertThat(SignInFlow.claims(tokens.path("id_token").asString()).path("email").asString())
                .as("the ID token names the account's address, asked for with the scope email").isEqualTo(email);
        assertThat(SignInFlow.claims(tokens.path("access_token").asString()).has("email")).as("an access token does not").isFalse();
        JsonNode refreshed = flow.refresh(tokens.path("refresh_token").asString(), "storefront", "storefront-test-secret");

        assertThat(SignInFlow.claims(refreshed.path("access_token").asString()).path("sub").asString())
                .isEqualTo(SignInFlow.claims(tokens.path("access_token").asString()).path("sub").asString());
        assertThat(refreshed.path("refresh_token").asString()).isNotEqualTo(tokens.path("refresh_token").asString());
        assertThatThrownBy(() -> flow.refresh(tokens.path("refresh_token").asString(), "storefront", "storefront-test-secret"))
                .as("a spent refresh token").hasMessageContaining("400");
        assertThatThrownBy(() -> flow.signIn(email, PASSWORD, "storefront", "guessed", STOREFRONT))
                .as("a wrong client secret").hasMessageContaining("401");
    }

    @Test
    void signingUpWithAnAddressThatHasAnAccountAnswersTheSameChangesNothingAndTellsItsOwner() throws Exception {
        String email = uniqueEmail();
        ResponseEntity<Map<String, Object>> first = signUp(email, PASSWORD);

        ResponseEntity<Map<String, Object>> again = signUp(email.toUpperCase(), "another long password");

        assertThat(again.getStatusCode()).isEqualTo(first.getStatusCode());
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(jdbc.sql("select count(*) from account where lower(email) = :email").param("email", email).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mail where lower(recipient) = :email").param("email", email).query(Long.class).single())
                .isEqualTo(1);
        assertThat(flow.signIn(email, "another long password")).as("the second password signs in nobody").isEmpty();
        assertThat(flow.signIn(email, PASSWORD)).isPresent();
    }

    @Test
    void badSignUpsAreProblemsSayingWhatIsWrongAndMakeNothing() {
        String email = uniqueEmail();

        assertProblem(signUp(email, "short"), "password");
        assertProblem(signUp(email.replace("@", "@p\u0430ypal-"), PASSWORD), "mixes Cyrillic and Latin");
        assertProblem(signUp("ada\u202E@example.com", PASSWORD), "U+202E");
        assertProblem(signUp(email, PASSWORD, "UK"), "address.country must be an ISO 3166-1 alpha-2 code");
        assertProblem(signUp(email, PASSWORD, address("12 Market Street\r\nBcc: everyone", "FR")),
                "address.line1 must not contain control characters");

        assertThat(jdbc.sql("select count(*) from account where lower(email) = :email").param("email", email).query(Long.class).single())
                .isZero();
    }

    @Test
    void theStaffAccountIsMadeAtStartAndItsTokensSayStaff() throws Exception {
        JsonNode tokens = flow.signIn("staff@bazaar.local", "staff-test-password").orElseThrow();

        assertThat(SignInFlow.claims(tokens.path("access_token").asString()).path("roles").toString()).isEqualTo("[\"staff\"]");
        assertThat(flow.signIn("staff@bazaar.local", "not the password")).isEmpty();
    }

    @Test
    void theConsoleSignsStaffInAndTheirIdTokenSaysStaff() throws Exception {
        JsonNode tokens = flow.signIn("staff@bazaar.local", "staff-test-password", "console", "console-test-secret", CONSOLE).orElseThrow();

        JsonNode idToken = SignInFlow.claims(tokens.path("id_token").asString());
        assertThat(idToken.path("roles").toString()).isEqualTo("[\"staff\"]");
        assertThat(idToken.path("aud").toString()).as("an ID token is for its client").contains("\"console\"").doesNotContain("\"bazaar\"");
        assertThat(SignInFlow.claims(tokens.path("access_token").asString()).path("roles").toString()).isEqualTo("[\"staff\"]");
        assertThat(tokens.has("refresh_token")).isTrue();
    }

    @Test
    void theOperatorGetsAServiceTokenWithItsSecretAndNothingWithout() throws Exception {
        HttpResponse<String> granted = flow.clientCredentials("operator", "operator-test-secret");
        HttpResponse<String> refused = flow.clientCredentials("operator", "guessed");

        assertThat(granted.statusCode()).isEqualTo(200);
        JsonNode claims = SignInFlow.claims(granted.body().replaceFirst(".*\"access_token\":\"([^\"]+)\".*", "$1"));
        assertThat(claims.path("sub").asString()).isEqualTo("operator");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"service\"]");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void aRotatedKeySignsNewTokensWhileTheOldOneStaysPublished() throws Exception {
        String before = SignInFlow.header(accessToken()).path("kid").asString();

        assertThat(TestHttp.anonymous(port).post().uri("/admin/signing-keys/rotate").retrieve().toBodilessEntity().getStatusCode().value())
                .as("rotating without a token").isEqualTo(401);
        String shopper = flow.signIn(signedUp(), PASSWORD).orElseThrow().path("access_token").asString();
        assertThat(http.post().uri("/admin/signing-keys/rotate").header("Authorization", "Bearer " + shopper).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("rotating as a shopper").isEqualTo(403);
        String rotated = http.post().uri("/admin/signing-keys/rotate").header("Authorization", "Bearer " + accessToken())
                .retrieve().body(JsonNode.class).path("kid").asString();

        assertThat(SignInFlow.header(accessToken()).path("kid").asString()).isEqualTo(rotated).isNotEqualTo(before);
        assertThat(flow.get("/oauth2/jwks").body()).contains(before).contains(rotated);
    }

    /** Whoever reads the database, or a backup of it, finds no private key to sign tokens with: each key is sealed. */
    @Test
    void theSigningKeysAreSealedInTheDatabaseAKeyStoredPlainBeforeToo(@Autowired SigningKeys keys) throws Exception {
        RSAKey plain = new RSAKeyGenerator(2048).keyID("stored-plain-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        jdbc.sql("insert into signing_key (kid, jwk, created_at, retired_at) values (:kid, :jwk, now() - interval '1 day', now() + interval '1 hour')")
                .param("kid", plain.getKeyID()).param("jwk", plain.toJSONString()).update();

        keys.ensureOne();

        assertThat(jdbc.sql("select jwk from signing_key").query(String.class).list()).isNotEmpty()
                .allSatisfy(stored -> assertThat(stored).startsWith("sealed:v1:").doesNotContain("\"d\"").doesNotContain(plain.getKeyID()));
        // Opened again when read: still published (the keys are read again within seconds).
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(flow.get("/oauth2/jwks").body()).contains(plain.getKeyID()));
        assertThat(SignInFlow.header(accessToken()).path("kid").asString()).as("the newest key signs").isNotEqualTo(plain.getKeyID());
    }

    /** Identity would start and then fail every sign-in: it does not start. */
    @Test
    void withAnotherSecretThanTheKeysWereSealedWithIdentityDoesNotStart(@Autowired IdentityProperties properties) {
        SigningKeys elsewhere = new SigningKeys(jdbc, "another-secret", Duration.ofMinutes(10), java.time.Clock.systemUTC());
        SigningKeys restarted = new SigningKeys(jdbc, properties.signingKeys().secret(), Duration.ofMinutes(10),
                java.time.Clock.systemUTC());

        assertThatThrownBy(elsewhere::ensureOne).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the secret it was sealed with");
        restarted.ensureOne();
        assertThat(restarted.current().isPrivate()).as("every key still opens with the right secret").isTrue();
    }

    @Test
    void theProviderDescribesItselfForAnyOpenIdConnectClient() throws Exception {
        JsonNode discovery = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(flow.get("/.well-known/openid-configuration").body());

        assertThat(discovery.path("issuer").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(discovery.path("jwks_uri").asString()).endsWith("/oauth2/jwks");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void itsApiDocumentSaysThatSigningUpNeedsNoToken() {
        ResponseEntity<JsonNode> document = TestHttp.anonymous(port).get().uri("/v3/api-docs").retrieve().toEntity(JsonNode.class);

        assertThat(document.getStatusCode().value()).isEqualTo(200);
        JsonNode signUp = document.getBody().path("paths").path("/api/identity/sign-up").path("post");
        assertThat(signUp.isMissingNode()).as("sign-up is documented").isFalse();
        assertThat(signUp.path("security").isArray()).as("an empty security list: no sign-in").isTrue();
        assertThat(signUp.path("security").size()).isZero();
        assertThat(signUp.has("x-bazaar-roles")).isFalse();
    }

    private String signedUp() {
        String email = uniqueEmail();
        signUp(email, PASSWORD);
        return email;
    }

    private String accessToken() throws Exception {
        HttpResponse<String> granted = flow.clientCredentials("operator", "operator-test-secret");
        return granted.body().replaceFirst(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private ResponseEntity<Map<String, Object>> signUp(String email, String password) {
        return signUp(email, password, "FR");
    }

    private ResponseEntity<Map<String, Object>> signUp(String email, String password, String country) {
        return signUp(email, password, address("12 Market Street", country));
    }

    private static Map<String, String> address(String line1, String country) {
        return Map.of("line1", line1, "city", "Lyon", "postalCode", "69002", "country", country);
    }

    private ResponseEntity<Map<String, Object>> signUp(String email, String password, Map<String, String> address) {
        Map<String, Object> body = Map.of("email", email, "password", password, "name", "Ada Lovelace", "address", address);
        return http.post().uri("/api/identity/sign-up").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                        .body(response.bodyTo(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })));
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> answer, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(String.valueOf(answer.getBody().get("detail")) + answer.getBody().get("errors")).contains(detail);
    }

    private static String uniqueEmail() {
        return "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

}
