package dev.bazaar.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the gateway's own failures as RFC 9457 problem details: a service that cannot be reached,
 * or whose circuit breaker is open, is a 503 naming it with a {@code Retry-After} (the breaker's open
 * time: the gateway will not try it again sooner), one with as many calls in flight as the gateway lets it have a 503
 * with a {@code Retry-After} of a second ({@link InFlightLimitFilter}), as is a token that cannot be checked because the
 * issuer's keys cannot be read ({@link CheckedTokens.KeysUnavailable}); one that is too slow a 504, one that hangs up
 * mid-response a 502, and any other status the gateway decides itself (no route: 404) keeps its
 * status. Without it a stopped service would surface as a bare 500 from the connection error.
 *
 * <p>Ordered before Spring Boot's default handler (order -1); exceptions it does not recognise are
 * passed on to that one.
 */
@Component
@Order(-2)
class UpstreamProblemHandler implements WebExceptionHandler {

    static final String TYPE_BASE = "https://bazaar.dev/problems/";

    private static final Logger log = LoggerFactory.getLogger(UpstreamProblemHandler.class);

    private final JsonMapper json;
    private final String breakerRetryAfter;

    UpstreamProblemHandler(JsonMapper json, GatewayProperties properties) {
        this.json = json;
        this.breakerRetryAfter = retryAfterSeconds(properties.breaker().openFor());
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        // A call refused at the door (BusyAtTheDoor) has no route yet; its refusal names the service.
        String service = failure instanceof InFlightLimitFilter.ServiceBusy busy ? busy.service() : Upstream.serviceOf(exchange);
        Map<String, Object> problem;
        String retryAfter = breakerRetryAfter;
        if (Upstream.isBusy(failure)) {
            // Calls in flight end in milliseconds: a second is long enough for room to be made.
            retryAfter = "1";
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "Service busy",
                    "The " + service + " service has as many requests in progress as it can take; this one was not"
                            + " passed on. Try again in " + retryAfter + " s.");
        } else if (failure instanceof CheckedTokens.KeysUnavailable) {
            retryAfter = "1";
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "keys-unavailable", "Token keys unavailable",
                    "The keys that sign tokens could not be read from the issuer just now, so the bearer token could not"
                            + " be checked. Try again in " + retryAfter + " s.");
        } else if (Upstream.isShortCircuited(failure)) {
            log.debug("{} circuit breaker open, refused {}", service, exchange.getRequest().getPath());
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    "The " + service + " service is not available right now (it failed repeatedly; the gateway"
                            + " gives it " + retryAfter + " s before trying again).");
        } else if (Upstream.isUnreachable(failure)) {
            log.warn("{} service unreachable for {}: {}", service, exchange.getRequest().getPath(), failure.toString());
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    "The " + service + " service is not available right now; try again shortly.");
        } else if (Upstream.isPrematureClose(failure)) {
            log.warn("{} service closed the connection for {}", service, exchange.getRequest().getPath());
            problem = problem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                    "The " + service + " service closed the connection before answering.");
        } else if (Upstream.isTimeout(failure)) {
            log.warn("{} service timed out for {}", service, exchange.getRequest().getPath());
            problem = problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout",
                    "The " + service + " service did not answer in time.");
        } else if (failure instanceof ErrorResponse error) {
            // Headers the refusal names, such as WWW-Authenticate or Allow, go with it.
            response.getHeaders().addAll(error.getHeaders());
            HttpStatusCode status = error.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            String title = known == null ? "HTTP " + status.value() : known.getReasonPhrase();
            String detail = error.getBody().getDetail() == null ? title : error.getBody().getDetail();
            problem = problem(status, slug(title), title, detail);
        } else {
            return Mono.error(failure);
        }
        problem.put("instance", exchange.getRequest().getPath().value());
        if (!"gateway".equals(service)) {
            problem.put("service", service);
        }
        response.setStatusCode(HttpStatusCode.valueOf((Integer) problem.get("status")));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.get("status").equals(HttpStatus.SERVICE_UNAVAILABLE.value())) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    private static Map<String, Object> problem(HttpStatusCode status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        return problem;
    }

    private static String retryAfterSeconds(Duration openFor) {
        long seconds = openFor.toSeconds() + (openFor.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
