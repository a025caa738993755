package dev.bazaar.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in issuer for service tests: one RSA key per test JVM, its JWKS served on the loopback, and tokens signed
 * with it as identity would sign them ({@code iss} {@value #ISSUER}, {@code aud} bazaar, {@code roles}). Every service
 * under test is pointed at it by {@link EmbeddedInfrastructure}.
 */
public final class TestTokens {

    public static final String ISSUER = "http://issuer.test";
    private static RSAKey key;
    private static String jwksUrl;

    private TestTokens() {
    }

    /** The launcher's service account: what operations tools send to {@code /admin}. */
    public static String operator() {
        return sign("operator", List.of("service"));
    }

    public static String staff() {
        return sign("staff-" + UUID.randomUUID(), List.of("staff"));
    }

    public static String shopper(UUID customerId) {
        return sign(customerId.toString(), List.of("shopper"));
    }

    /** Where the key is published, started on first use. */
    static synchronized String jwksUrl() {
        if (jwksUrl == null) {
            try {
                key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/oauth2/jwks", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-issuer-stop"));
                jwksUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return jwksUrl;
    }

    /** A shopper's token, signed with the issuer's key, that expired a minute ago. */
    public static String expired(UUID customerId) {
        Instant issued = Instant.now().minusSeconds(660);
        return sign(customerId.toString(), List.of("shopper"), "bazaar", issued, issued.plusSeconds(600));
    }

    /** A shopper's token, signed with the issuer's key, but for another audience than the platform. */
    public static String forAudience(String audience, UUID customerId) {
        Instant now = Instant.now();
        return sign(customerId.toString(), List.of("shopper"), audience, now, now.plusSeconds(600));
    }

    private static String sign(String subject, List<String> roles) {
        Instant now = Instant.now();
        return sign(subject, roles, "bazaar", now, now.plusSeconds(600));
    }

    private static String sign(String subject, List<String> roles, String audience, Instant issued, Instant expires) {
        jwksUrl();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).claim("roles", roles).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
