package dev.bazaar.gateway;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The issuer's key set as the gateway holds it. Read again once it is {@link #MAX_AGE} old, or when a token names a key
 * not in it (identity rotated): so a key identity has withdrawn stops being trusted here within minutes, as in the
 * services (the chassis' own {@code IssuerKeys}). Spring Security's reactive decoder, left to itself, reads the set
 * only for an unknown key, and so trusted a withdrawn key until the gateway restarted.
 * <p>
 * A read that fails keeps the keys last read when the set was only old: while identity restarts or its database is
 * away, tokens are still checked, and the next read is tried after {@link #RETRY_AFTER}, not at every token. A token
 * naming a key the set does not hold, while the set cannot be read, still fails (a 503 {@code keys-unavailable}, see
 * {@link CheckedTokens}): nothing could check it.
 * <p>
 * The reads go one at a time, each answer shared for {@link #REUSED_FOR}: every check that comes while a read is under
 * way, or in the second after it ended, takes that read's answer, success or failure. Without it, a gateway started
 * under load read the keys once for each of its first requests, through itself, more than identity's limit of calls in
 * flight let through (so most failed, 503 {@code keys-unavailable}); and anyone could make the gateway read the keys
 * once a request by sending tokens with made-up key ids. What the second allows: a token signed with a key made in the
 * second after a read (a rotation, which identity does not announce ahead) is refused with a 401 until the next read,
 * which the first such token after that second starts. A read gives up after {@link #READ_TIMEOUT}: one that never
 * ended would otherwise be shared for ever.
 */
final class IssuerKeys {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    static final Duration REUSED_FOR = Duration.ofSeconds(1);
    /** As long as the gateway waits for a service's answer (bazaar.gateway.response-timeout's default). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    /** A set as read, and from when it is to be read again. */
    private record Kept(JWKSet keys, Instant readAgainAt) {
    }

    /** One read's outcome, as every check that shares it gets it: the set, or why it could not be read. */
    private record Read(JWKSet keys, Throwable failure) {

        Mono<JWKSet> asMono() {
            return failure == null ? Mono.just(keys) : Mono.error(failure);
        }
    }

    private final Mono<Read> read;
    private final Clock clock;
    private volatile Kept kept;

    /**
     * @param clock how old the set is
     * @param timer what times a read out and its answer's second
     */
    IssuerKeys(WebClient client, String address, Clock clock, Scheduler timer) {
        // A request per subscription, so each read after the shared second is a new one.
        this.read = client.get().uri(address).retrieve().bodyToMono(String.class)
                // An empty answer is no key set: a parse failure, not a set without keys.
                .defaultIfEmpty("")
                .timeout(READ_TIMEOUT, timer)
                .map(body -> new Read(parse(body), null))
                .onErrorResume(failure -> Mono.just(new Read(null, failure)))
                .cache(REUSED_FOR, timer);
        this.clock = clock;
    }

    /** The keys that could have signed a token with this header: from the set held while it is fresh and has one. */
    Flux<JWK> matching(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        Kept last = kept;
        boolean fresh = last != null && clock.instant().isBefore(last.readAgainAt());
        if (fresh) {
            List<JWK> found = selector.select(last.keys());
            if (!found.isEmpty()) {
                return Flux.fromIterable(found);
            }
        }
        return read.flatMap(Read::asMono)
                .doOnNext(keys -> kept = new Kept(keys, clock.instant().plus(MAX_AGE)))
                .map(selector::select)
                .onErrorResume(failure -> keptWhenOld(failure, last, fresh, selector))
                .flatMapMany(Flux::fromIterable);
    }

    /** After a failed read: the keys last read, when the set was only old and holds the key; else the failure. */
    private Mono<List<JWK>> keptWhenOld(Throwable failure, Kept last, boolean fresh, JWKSelector selector) {
        List<JWK> found = last == null || fresh ? List.of() : selector.select(last.keys());
        if (found.isEmpty() || !CheckedTokens.keysUnreadable(failure)) {
            return Mono.error(failure);
        }
        log.warn("The issuer's keys could not be read again ({}); the keys last read are kept, and read again in {}",
                failure.getMessage(), RETRY_AFTER);
        kept = new Kept(last.keys(), clock.instant().plus(RETRY_AFTER));
        return Mono.just(found);
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("The issuer's key set could not be parsed: " + e.getMessage(), e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Decoder {

        /**
         * Spring Boot's decoder, checking what it checks ({@code spring.security.oauth2.resourceserver.jwt.*}: the
         * signature, the issuer, the audience, the expiry), with its keys from {@link IssuerKeys}.
         */
        @Bean
        ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
            OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
            IssuerKeys keys = new IssuerKeys(WebClient.create(), jwt.getJwkSetUri(), Clock.systemUTC(), Schedulers.parallel());
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(token -> keys.matching(token.getHeader())).build();
            // As Spring Boot's own: the expiry always, the issuer and the audience when they are set.
            List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
            if (jwt.getIssuerUri() != null) {
                checks.add(new JwtIssuerValidator(jwt.getIssuerUri()));
            }
            List<String> audiences = jwt.getAudiences();
            if (!audiences.isEmpty()) {
                checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && !Collections.disjoint(aud, audiences)));
            }
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(checks));
            return decoder;
        }
    }
}
