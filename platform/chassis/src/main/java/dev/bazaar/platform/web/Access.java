package dev.bazaar.platform.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call a service, by its {@link AccessRules}: every token that comes is checked again as the gateway checked
 * it (signature against the issuer's JWKS, issuer, audience, expiry), so a service reached directly refuses a forged
 * one, and what needs a token or a role refuses without: 401 problem with {@code WWW-Authenticate}, 403 problem for a
 * missing role. No session, no CSRF: each request stands on its own token. A service with its own filter chains
 * (identity) keeps them.
 */
@Configuration(proxyBeanMethods = false)
class Access {

    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules(Environment environment) {
        return AccessRules.of(environment);
    }

    /**
     * The issuer's keys read again every few minutes and when a token names a key not among them, but kept when that
     * read fails ({@link IssuerKeys}): Spring's default cache would refuse every token while identity restarts or its
     * database is away, and a cache that never expires would trust a withdrawn key for ever.
     */
    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer issuerKeysKeptWhileIdentityIsAway() {
        return builder -> builder.cache(new IssuerKeys(Clock.systemUTC()));
    }

    /** Every token decoder (Spring Boot's, or identity's own) checks a token once and keeps it: {@link CheckedTokens}. */
    @Bean
    static BeanPostProcessor checkedTokensKept() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CheckedTokens) ? new CheckedTokens(decoder) : bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain tokensChecked(HttpSecurity http, AccessRules rules) throws Exception {
        BearerTokenAuthenticationEntryPoint unauthorized = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler forbidden = new BearerTokenAccessDeniedHandler();
        return http.authorizeHttpRequests(requests -> {
                    for (AccessRule rule : rules.all()) {
                        var routes = rule.method().isEmpty() ? List.of(requests.requestMatchers(rule.pattern()))
                                : rule.methods().stream().map(method -> requests.requestMatchers(method, rule.pattern())).toList();
                        for (var route : routes) {
                            switch (rule.level()) {
                                case PUBLIC -> route.permitAll();
                                case SIGNED_IN -> route.authenticated();
                                default -> route.hasAnyRole(rule.level().roles().toArray(String[]::new));
                            }
                        }
                    }
                })
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, failure) -> {
                            unauthorized.commence(request, response, failure);
                            problem(request, response, "Sign in: the bearer token is missing or was refused (" + failure.getMessage() + ").");
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            forbidden.handle(request, response, denied);
                            AccessRule rule = rules.decide(HttpMethod.valueOf(request.getMethod()), request.getRequestURI());
                            problem(request, response, "This needs the role " + String.join(" or ", rule.level().roles()) + ".");
                        }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // A service says itself whether an answer may be kept: Spring Security's blanket no-store would stop the
                // gateway from keeping catalog's answers for when catalog is down.
                .headers(headers -> headers.cacheControl(HeadersConfigurer.CacheControlConfig::disable))
                .build();
    }

    /** The standard handlers set the status and WWW-Authenticate; the body is a problem document. */
    private static void problem(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        ProblemResponses.write(response, response.getStatus(), ProblemResponses.body(response.getStatus(), detail, request.getRequestURI()));
    }
}
