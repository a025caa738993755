package dev.bazaar.gateway;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the gateway's own failures as RFC 9457 problem details: a service that cannot be reached
 * is a 503 naming it, one that is too slow a 504, one that hangs up mid-response a 502, and any other
 * status the gateway decides itself (no route: 404) keeps its status. Without it a stopped service
 * would surface as a bare 500 from the connection error.
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

    UpstreamProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        String service = serviceOf(exchange);
        Map<String, Object> problem;
        if (isUnreachable(failure)) {
            log.warn("{} service unreachable for {}: {}", service, exchange.getRequest().getPath(), failure.toString());
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                    "The " + service + " service is not available right now; try again shortly.");
        } else if (causedBy(failure, PrematureCloseException.class)) {
            log.warn("{} service closed the connection for {}", service, exchange.getRequest().getPath());
            problem = problem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                    "The " + service + " service closed the connection before answering.");
        } else if (failure instanceof ErrorResponse error && error.getStatusCode().value() == 504) {
            log.warn("{} service timed out for {}", service, exchange.getRequest().getPath());
            problem = problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout",
                    "The " + service + " service did not answer in time.");
        } else if (failure instanceof ErrorResponse error) {
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

    /** Routes are named after the service they lead to. */
    private static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "gateway" : route.getId();
    }

    private static boolean isUnreachable(Throwable failure) {
        return causedBy(failure, ConnectException.class) || causedBy(failure, ConnectTimeoutException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
