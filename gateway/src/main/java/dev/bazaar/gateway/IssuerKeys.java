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
 * {@link CheckedTokens}): nothing could check it. The reads themselves go one at a time ({@link SharedKeyReads}).
 */
final class IssuerKeys {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    /** A set as read, and from when it is to be read again. */
    private record Kept(JWKSet keys, Instant readAgainAt) {
    }

    private final WebClient client;
    private final String address;
    private final Clock clock;
    private volatile Kept kept;

    IssuerKeys(WebClient client, String address, Clock clock) {
        this.client = client;
        this.address = address;
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
        // Bounded here whatever the client does (the gateway's shares its reads and bounds them too).
        return client.get().uri(address).retrieve().bodyToMono(String.class).timeout(SharedKeyReads.READ_TIMEOUT)
                .map(IssuerKeys::parse)
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
            IssuerKeys keys = new IssuerKeys(WebClient.builder().filter(new SharedKeyReads(Schedulers.parallel())).build(),
                    jwt.getJwkSetUri(), Clock.systemUTC());
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
