package dev.bazaar.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's hold on the issuer's keys. The issuer is a fake behind a WebClient's exchange function, answering what the
 * test publishes: nothing leaves the JVM, but a WebClient names the network, so it runs with the ITs.
 */
class IssuerKeysIT {

    private static final RSAKey FIRST = key();
    private static final RSAKey SECOND = key();

    /** Published by an issuer that takes the connection and never answers. */
    private static final Object SILENT = new Object();

    private final AtomicInteger reads = new AtomicInteger();
    private volatile Object published = new JWKSet(FIRST).toPublicJWKSet();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));

    private final WebClient issuer = WebClient.builder().exchangeFunction(request -> Mono.defer(() -> {
        reads.incrementAndGet();
        if (published == SILENT) {
            return Mono.never();
        }
        return published instanceof JWKSet keys
                ? Mono.just(ClientResponse.create(HttpStatus.OK).header("Content-Type", "application/json").body(keys.toString()).build())
                : Mono.error((Throwable) published);
    })).build();
    private final IssuerKeys keys = new IssuerKeys(issuer, "http://issuer.test/oauth2/jwks", clock);

    @Test
    void theKeysAreReadOnceAndHeldWhileFresh() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        clock.advance(IssuerKeys.MAX_AGE.minusSeconds(1));
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        assertThat(reads).hasValue(1);
    }

    @Test
    void aKeyTheIssuerWithdrewIsNoLongerTrustedOnceTheSetIsOld() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = new JWKSet(SECOND).toPublicJWKSet();

        clock.advance(IssuerKeys.MAX_AGE);
        // Before: the decoder read the set only for a key it did not hold, so it trusted the withdrawn one for ever.
        assertThat(keyIds(FIRST)).as("keys for a token signed with the withdrawn key").isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTokenNamingAKeyNotHeldReadsTheSetAgainAtOnce() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = new JWKSet(List.<JWK>of(FIRST, SECOND)).toPublicJWKSet();

        assertThat(keyIds(SECOND)).containsExactly(SECOND.getKeyID());
        assertThat(reads).hasValue(2);
    }

    @Test
    void anOldSetIsKeptWhenItCannotBeReadAgainAndTriedAgainTenSecondsLater() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = new WebClientRequestException(new ConnectException("identity away"), HttpMethod.GET,
                URI.create("http://issuer.test/oauth2/jwks"), new HttpHeaders());

        clock.advance(IssuerKeys.MAX_AGE);
        assertThat(keyIds(FIRST)).as("tokens still checked while identity is away").containsExactly(FIRST.getKeyID());
        clock.advance(IssuerKeys.RETRY_AFTER.minusSeconds(1));
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        assertThat(reads).as("reads: the first, and one failed").hasValue(2);

        published = new JWKSet(SECOND).toPublicJWKSet();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keyIds(FIRST)).as("read again, without the withdrawn key").isEmpty();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aReadThatNeverEndsGivesUpAndTheOldSetIsKept() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = SILENT;

        clock.advance(IssuerKeys.MAX_AGE);
        StepVerifier.withVirtualTime(() -> keys.matching(header(FIRST)).map(JWK::getKeyID))
                .expectSubscription()
                .thenAwait(SharedKeyReads.READ_TIMEOUT)
                .expectNext(FIRST.getKeyID())
                .verifyComplete();
    }

    @Test
    void aTokenNamingAKeyNotHeldFailsWhenTheSetCannotBeRead() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = WebClientResponseException.create(503, "Service Unavailable", null, null, null);

        assertThatThrownBy(() -> keyIds(SECOND)).isInstanceOf(WebClientResponseException.class);
    }

    @Test
    void anIssuerThatAnswers404IsNotTakenForOneThatIsAway() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = WebClientResponseException.create(404, "Not Found", null, null, null);

        clock.advance(IssuerKeys.MAX_AGE);
        assertThatThrownBy(() -> keyIds(FIRST)).as("a wrong address is for an operator to see, not to be papered over")
                .isInstanceOf(WebClientResponseException.class);
    }

    private List<String> keyIds(RSAKey signer) {
        return keys.matching(header(signer)).map(JWK::getKeyID).collectList().block(Duration.ofSeconds(5));
    }

    private static JWSHeader header(RSAKey signer) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build();
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
