package dev.bazaar.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens already checked, kept until they expire and at most five minutes: a shopper's token comes with every
 * request, and each check of its RS256 signature costs about 0.35 ms with C1 only ({@code BigInteger} runs without
 * the intrinsics C2 gives it); under load it was a quarter of the gateway's profile samples. The key is the whole
 * token, signature included, so only
 * the very bytes that passed are let through unchecked; a token that fails is not kept. What five minutes allows: a
 * token signed with a key identity has since withdrawn is still taken for up to five minutes after it was first
 * checked. The services keep theirs the same way (the chassis' {@code CheckedTokens}).
 */
final class CheckedTokens implements ReactiveJwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(CheckedTokens.class);

    static final Duration LONGEST = Duration.ofMinutes(5);
    /** Each holds a decoded token of about 2 KB: the tokens of a few thousand shoppers active at once. */
    static final int MOST = 4_096;

    private final ReactiveJwtDecoder checker;
    private final Cache<String, Jwt> checked;

    CheckedTokens(ReactiveJwtDecoder checker, Ticker ticker, Clock clock) {
        this.checker = checker;
        this.checked = Caffeine.newBuilder().maximumSize(MOST).ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keptFor(jwt.getExpiresAt(), clock.instant())))
                .build();
    }

    /** How long a token that passed at {@code now} is kept: until it expires, and never longer than {@link #LONGEST}. */
    static Duration keptFor(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return LONGEST;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST) < 0 ? left : LONGEST;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt jwt = checked.getIfPresent(token);
        return jwt != null ? Mono.just(jwt) : checker.decode(token).doOnNext(passed -> checked.put(token, passed))
                .onErrorMap(CheckedTokens::keysUnreadable, CheckedTokens::keysUnavailable);
    }

    /**
     * The read of the keys failed in a way that may pass (no connection, a 5xx such as a busy identity's); a 4xx, a wrong
     * address for instance, stays Spring Security's 500 with its stack trace, for an operator to see.
     */
    static boolean keysUnreadable(Throwable failure) {
        // A connection that closed while the set's body was read comes wrapped as a response of status 200.
        return Upstream.causedBy(failure, WebClientRequestException.class) || Upstream.causedBy(failure, TimeoutException.class)
                || Upstream.isPrematureClose(failure)
                || Upstream.cause(failure, WebClientResponseException.class)
                .filter(response -> response.getStatusCode().is5xxServerError()).isPresent();
    }

    private static KeysUnavailable keysUnavailable(Throwable failure) {
        log.warn("The issuer's keys could not be read; a token was answered 503 keys-unavailable: {} ({})", failure, String.valueOf(failure.getCause()));
        return new KeysUnavailable(failure);
    }

    /**
     * The issuer's published keys could not be read (identity down or busy; it is reached through this gateway), so a
     * token signed with a key not read yet cannot be checked: a 503 the caller may retry ({@link UpstreamProblemHandler}),
     * where Spring Security's own exception would be a 500 with a stack trace logged for each request. It happens where
     * keys are not read yet: in the first second of a gateway started under load, or for a token with a key just made.
     */
    static final class KeysUnavailable extends RuntimeException {

        KeysUnavailable(Throwable cause) {
            super("The issuer's keys could not be read: " + cause.getMessage(), cause, false, false);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Kept {

        /** Spring Boot's token decoder checks a token once and keeps it. */
        @Bean
        static BeanPostProcessor checkedTokensKept() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CheckedTokens)
                            ? new CheckedTokens(decoder, Ticker.systemTicker(), Clock.systemUTC())
                            : bean;
                }
            };
        }
    }
}
