package dev.bazaar.gateway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every bearer token is checked at the door: its signature against the issuer's published keys (JWKS), its issuer,
 * its audience and its expiry ({@code spring.security.oauth2.resourceserver.jwt.*}). A token that fails is a 401
 * problem with the standard {@code WWW-Authenticate: Bearer error="invalid_token", ...}, and the request goes nowhere;
 * a valid one is passed on with the request, for the service to check again. A request without a token passes as
 * anonymous: which routes need a caller, and which caller, is for each service to say. Nothing here keeps a session:
 * each request stands on its own token. Identity's sign-in form passes through with its own CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain tokensChecked(ServerHttpSecurity http, JsonMapper json) {
        ServerAuthenticationEntryPoint refused = problemBody(new BearerTokenServerAuthenticationEntryPoint(), json);
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()).authenticationEntryPoint(refused))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /**
     * The standard entry point sets the status and {@code WWW-Authenticate} and completes the response without a
     * body; this one gives that response a problem document.
     */
    private static ServerAuthenticationEntryPoint problemBody(ServerAuthenticationEntryPoint standard, JsonMapper json) {
        return (exchange, failure) -> standard.commence(exchange.mutate().response(new ProblemOnComplete(exchange, failure, json)).build(), failure);
    }

    /**
     * Why a token was refused, in the caller's words. Spring's own wording ("An error occurred while attempting to
     * decode the Jwt: ...") stays in WWW-Authenticate's error_description, where the standard puts it.
     */
    static String refusal(AuthenticationException failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Jwt expired")) {
            return "The bearer token has expired: sign in again for a new one.";
        }
        if (message.contains("aud claim")) {
            return "The bearer token is meant for another audience than this platform.";
        }
        if (message.contains("iss claim")) {
            return "The bearer token was issued by another identity provider than this platform's.";
        }
        return "The bearer token is not one that this platform's identity provider signed: it is malformed, unsigned or forged.";
    }

    private static final class ProblemOnComplete extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final AuthenticationException failure;
        private final JsonMapper json;

        ProblemOnComplete(ServerWebExchange exchange, AuthenticationException failure, JsonMapper json) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.failure = failure;
            this.json = json;
        }

        @Override
        public Mono<Void> setComplete() {
            ServerHttpResponse response = getDelegate();
            int status = response.getStatusCode() == null ? HttpStatus.UNAUTHORIZED.value() : response.getStatusCode().value();
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", UpstreamProblemHandler.TYPE_BASE + (status == 401 ? "unauthorized" : "forbidden"));
            problem.put("title", status == 401 ? "Unauthorized" : "Forbidden");
            problem.put("status", status);
            problem.put("detail", status == 401 ? refusal(failure) : "The bearer token does not allow this request.");
            problem.put("instance", exchange.getRequest().getPath().value());
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return response.writeWith(Mono.just(response.bufferFactory()
                    .wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8))));
        }
    }
}
