package dev.bazaar.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call a service. {@code /admin/**} (dead letters, audits' lists, operations on orders, card keys, the card
 * processor's behaviour) needs a bearer token with the {@code staff} role, or the launcher's {@code service} account:
 * without one a 401 problem with {@code WWW-Authenticate}, with a shopper's a 403 problem. Every other route is open
 * here as before, but a token that comes with a request is checked again as the gateway checked it (signature against
 * the issuer's JWKS, issuer, audience, expiry): a forged one is refused even by a service reached directly. No
 * session, no CSRF: each request stands on its own token. A service with its own filter chains (identity) keeps them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(SecurityFilterChain.class)
class AdminAccess {

    @Bean
    SecurityFilterChain tokensChecked(HttpSecurity http) throws Exception {
        BearerTokenAuthenticationEntryPoint unauthorized = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler forbidden = new BearerTokenAccessDeniedHandler();
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**").hasAnyRole("staff", "service")
                        .anyRequest().permitAll())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, failure) -> {
                            unauthorized.commence(request, response, failure);
                            problem(request, response, "The bearer token was refused or is missing: " + failure.getMessage());
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            forbidden.handle(request, response, denied);
                            problem(request, response, "Operations need the staff role or the operator's service account.");
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
