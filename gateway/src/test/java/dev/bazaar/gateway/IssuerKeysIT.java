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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.PrematureCloseException;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's hold on the issuer's keys. The issuer is a fake behind a WebClient's exchange function, answering what the
 * test publishes, and time is the test's (a clock for the set's age, a virtual scheduler for a read's timeout and its
 * shared second): nothing leaves the JVM, but a WebClient names the network, so it runs with the ITs.
 */
class IssuerKeysIT {

    private static final RSAKey FIRST = key();
    private static final RSAKey SECOND = key();

    private final AtomicInteger reads = new AtomicInteger();
    /** A key set, a failure, an answer, or a Mono of the answer that the test completes (or never does). */
    private volatile Object published = new JWKSet(FIRST).toPublicJWKSet();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final VirtualTimeScheduler timer = VirtualTimeScheduler.create();

    @SuppressWarnings("unchecked")
    private final WebClient issuer = WebClient.builder().exchangeFunction(request -> Mono.defer(() -> {
        reads.incrementAndGet();
        if (published instanceof Mono<?> pending) {
            return (Mono<ClientResponse>) pending;
        }
        if (published instanceof ClientResponse answer) {
            return Mono.just(answer);
        }
        return published instanceof JWKSet keys
                ? Mono.just(ClientResponse.create(HttpStatus.OK).header("Content-Type", "application/json").body(keys.toString()).build())
                : Mono.error((Throwable) published);
    })).build();
    private final IssuerKeys keys = new IssuerKeys(issuer, "http://issuer.test/oauth2/jwks", clock, timer);

    @Test
    void theKeysAreReadOnceAndHeldWhileFresh() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        later(IssuerKeys.MAX_AGE.minusSeconds(1));
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        assertThat(reads).hasValue(1);
    }

    @Test
    void aKeyTheIssuerWithdrewIsNoLongerTrustedOnceTheSetIsOld() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = new JWKSet(SECOND).toPublicJWKSet();

        later(IssuerKeys.MAX_AGE);
        // Before: the decoder read the set only for a key it did not hold, so it trusted the withdrawn one for ever.
        assertThat(keyIds(FIRST)).as("keys for a token signed with the withdrawn key").isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTokenNamingAKeyNotHeldReadsTheSetAgainOnceTheLastReadIsASecondOld() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = new JWKSet(List.<JWK>of(FIRST, SECOND)).toPublicJWKSet();

        later(IssuerKeys.REUSED_FOR.minusMillis(1));
        assertThat(keyIds(SECOND)).as("within the second: the last read's answer").isEmpty();
        assertThat(reads).hasValue(1);
        later(Duration.ofMillis(1));
        assertThat(keyIds(SECOND)).containsExactly(SECOND.getKeyID());
        assertThat(reads).hasValue(2);
    }

    /** Made-up key ids, or a gateway's first requests under load, read the keys once, not once a token. */
    @Test
    void checksThatComeWhileTheKeysAreReadWaitForThatReadAndEachGetsItsAnswer() {
        Sinks.One<ClientResponse> answer = Sinks.one();
        published = answer.asMono();

        var first = keys.matching(header(FIRST)).map(JWK::getKeyID).collectList().toFuture();
        var second = keys.matching(header(FIRST)).map(JWK::getKeyID).collectList().toFuture();
        assertThat(reads).as("reads while one is under way").hasValue(1);
        answer.tryEmitValue(ClientResponse.create(HttpStatus.OK).header("Content-Type", "application/json")
                .body(new JWKSet(FIRST).toPublicJWKSet().toString()).build());

        assertThat(first.join()).containsExactly(FIRST.getKeyID());
        assertThat(second.join()).containsExactly(FIRST.getKeyID());
    }

    @Test
    void aFailedReadIsEveryWaitingChecksFailureAndIsTriedAgainASecondLater() {
        Sinks.One<ClientResponse> answer = Sinks.one();
        published = answer.asMono();
        var first = keys.matching(header(FIRST)).collectList().toFuture();
        var second = keys.matching(header(FIRST)).collectList().toFuture();

        answer.tryEmitError(away());

        assertThatThrownBy(first::join).hasCauseInstanceOf(WebClientRequestException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThatThrownBy(second::join).hasCauseInstanceOf(WebClientRequestException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(reads).hasValue(1);
        published = new JWKSet(FIRST).toPublicJWKSet();
        later(IssuerKeys.REUSED_FOR);
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        assertThat(reads).hasValue(2);
    }

    @Test
    void anOldSetIsKeptWhenItCannotBeReadAgainAndTriedAgainTenSecondsLater() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = away();

        later(IssuerKeys.MAX_AGE);
        assertThat(keyIds(FIRST)).as("tokens still checked while identity is away").containsExactly(FIRST.getKeyID());
        later(IssuerKeys.RETRY_AFTER.minusSeconds(1));
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        assertThat(reads).as("reads: the first, and one failed").hasValue(2);

        published = new JWKSet(SECOND).toPublicJWKSet();
        later(Duration.ofSeconds(1));
        assertThat(keyIds(FIRST)).as("read again, without the withdrawn key").isEmpty();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aReadThatNeverEndsGivesUpTheOldSetIsKeptAndTheNextReadIsANewOne() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = Mono.never();

        later(IssuerKeys.MAX_AGE);
        var waiting = keys.matching(header(FIRST)).map(JWK::getKeyID).collectList().toFuture();
        timer.advanceTimeBy(IssuerKeys.READ_TIMEOUT);

        assertThat(waiting.join()).containsExactly(FIRST.getKeyID());
        published = new JWKSet(SECOND).toPublicJWKSet();
        later(IssuerKeys.RETRY_AFTER);
        assertThat(keyIds(SECOND)).containsExactly(SECOND.getKeyID());
        assertThat(reads).hasValue(3);
    }

    @Test
    void aConnectionThatClosesWhileTheSetIsReadKeepsTheOldSet() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = ClientResponse.create(HttpStatus.OK).header("Content-Type", "application/json")
                .body(Flux.<DataBuffer>error(PrematureCloseException.TEST_EXCEPTION)).build();

        later(IssuerKeys.MAX_AGE);
        assertThat(keyIds(FIRST)).as("identity's connection closed mid-answer: it is away, not wrong").containsExactly(FIRST.getKeyID());
    }

    @Test
    void anEmptyAnswerIsNoKeySet() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = ClientResponse.create(HttpStatus.OK).build();

        later(IssuerKeys.MAX_AGE);
        // Before: an empty answer read as a set without keys, so every token was refused with a 401.
        assertThatThrownBy(() -> keyIds(FIRST)).hasMessageContaining("could not be parsed");
    }

    @Test
    void aTokenNamingAKeyNotHeldFailsWhenTheSetCannotBeRead() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = WebClientResponseException.create(503, "Service Unavailable", null, null, null);

        later(IssuerKeys.REUSED_FOR);
        assertThatThrownBy(() -> keyIds(SECOND)).isInstanceOf(WebClientResponseException.class);
    }

    @Test
    void anIssuerThatAnswers404IsNotTakenForOneThatIsAway() {
        assertThat(keyIds(FIRST)).containsExactly(FIRST.getKeyID());
        published = WebClientResponseException.create(404, "Not Found", null, null, null);

        later(IssuerKeys.MAX_AGE);
        assertThatThrownBy(() -> keyIds(FIRST)).as("a wrong address is for an operator to see, not to be papered over")
                .isInstanceOf(WebClientResponseException.class);
    }

    /** Time passes for the set's age and for the reads alike. */
    private void later(Duration duration) {
        clock.advance(duration);
        timer.advanceTimeBy(duration);
    }

    private static WebClientRequestException away() {
        return new WebClientRequestException(new ConnectException("identity away"), HttpMethod.GET,
                URI.create("http://issuer.test/oauth2/jwks"), new HttpHeaders());
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
