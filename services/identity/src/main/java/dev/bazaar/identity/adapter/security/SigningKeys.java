package dev.bazaar.identity.adapter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys tokens are signed with (RS256, what every resource server accepts by default), kept in identity's database so
 * that every instance signs with the same one. The newest signs; the ones it replaced stay published in the JWK set
 * until the last token they signed has expired, so that a rotation needs no restart of anything: a resource server
 * meeting a new {@code kid} fetches the set again. Read from the database at most every few seconds. The private keys
 * are stored sealed ({@link KeySeal}), so that the database alone cannot sign tokens.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final KeySeal seal;
    private final Duration tokenLifetime;
    private final Clock clock;
    private volatile Loaded loaded = new Loaded(List.of(), Instant.EPOCH);

    /**
     * @param secret what the keys are sealed with in the database
     * @throws IllegalStateException when there is no secret
     */
    public SigningKeys(JdbcClient jdbc, String secret, Duration tokenLifetime, Clock clock) {
        this.jdbc = jdbc;
        this.seal = new KeySeal(secret);
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
    }

    /** The key that signs new tokens. */
    public JWK current() {
        List<JWK> keys = keys();
        if (keys.isEmpty()) {
            throw new IllegalStateException("identity has no signing key");
        }
        return keys.get(0);
    }

    /** Every key a token still in date may be signed with: the JWK set's public keys. */
    public JWKSet published() {
        return new JWKSet(keys()).toPublicJWKSet();
    }

    /**
     * A first key when there is none (the first start), and keys stored before keys were sealed sealed now. Two instances
     * starting at once may both make one: both are published, the newer signs.
     *
     * @throws IllegalStateException when the keys in use were sealed with another secret: identity would start, then
     *                               fail every sign-in
     */
    public void ensureOne() {
        // Opened first, so that a wrong secret stops the start before it seals anything with it.
        keys();
        sealPlainKeys();
        if (jdbc.sql("select count(*) from signing_key where retired_at is null").query(Long.class).single() == 0) {
            add();
        }
    }

    private void sealPlainKeys() {
        jdbc.sql("select kid, jwk from signing_key where jwk not like :sealed")
                .param("sealed", KeySeal.SEALED + "%")
                .query((row, number) -> new String[] {row.getString("kid"), row.getString("jwk")}).list()
                .forEach(plain -> {
                    // Each row only if still plain: another instance starting at once may have sealed it already.
                    if (jdbc.sql("update signing_key set jwk = :sealed where kid = :kid and jwk = :plain")
                            .param("sealed", seal.seal(plain[0], plain[1])).param("kid", plain[0]).param("plain", plain[1]).update() == 1) {
                        log.info("Signing key {} is sealed in the database now", plain[0]);
                    }
                });
    }

    /**
     * A new key signs from now on; the ones before it are retired once their last token has expired. Returns the new
     * key's id.
     */
    @Transactional
    public String rotate() {
        jdbc.sql("lock table signing_key in exclusive mode").update();
        jdbc.sql("update signing_key set retired_at = :at where retired_at is null")
                .param("at", OffsetDateTime.ofInstant(clock.instant().plus(tokenLifetime).plusSeconds(60), ZoneOffset.UTC))
                .update();
        String kid = add();
        log.info("Signing key {} signs from now on; the ones before it stay published until their tokens expire", kid);
        return kid;
    }

    private String add() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.sql("insert into signing_key (kid, jwk) values (:kid, :jwk)")
                    .param("kid", key.getKeyID()).param("jwk", seal.seal(key.getKeyID(), key.toJSONString())).update();
            loaded = new Loaded(List.of(), Instant.EPOCH);
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }

    private List<JWK> keys() {
        Loaded now = loaded;
        Instant instant = clock.instant();
        if (instant.isAfter(now.at().plus(REFRESH))) {
            List<JWK> keys = jdbc.sql("""
                            select kid, jwk from signing_key where retired_at is null or retired_at > :now
                            order by created_at desc, kid""")
                    .param("now", OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
                    .query((row, number) -> parse(seal.open(row.getString("kid"), row.getString("jwk")))).list();
            now = new Loaded(keys, instant);
            loaded = now;
        }
        return now.keys();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }

    private record Loaded(List<JWK> keys, Instant at) {
    }
}
