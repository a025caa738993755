package dev.bazaar.gateway;

import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts every routed call behind its service's circuit breaker. A call fails when connecting to the
 * service times out, the service does not answer within the route's response timeout, hangs up, or
 * answers 502/503/504 (it cannot serve now; a 500 is a fault in answering one request, not a sign the
 * service is gone). A refused connection does not count either way (see
 * {@link ResilienceConfiguration}). Once too many of the latest calls failed the breaker opens, and
 * calls to that service fail at once with {@code CallNotPermittedException} (rendered as a 503 by
 * {@link UpstreamProblemHandler}, or answered from {@link StaleReadFallbackFilter}) instead of each
 * waiting for the timeout.
 *
 * <p>It runs just before the routing filter, inside the filter that writes the response body: it
 * sees the call up to the service's status and headers, which is all it needs to judge it. A failing
 * status is still passed on to the caller unchanged; it only counts against the breaker.
 */
@Component
class ServiceBreakerFilter implements GlobalFilter, Ordered {

    /** After the load-balancer filters (10150), before the routing filters. */
    static final int ORDER = 10_200;

    private static final Set<Integer> FAILING_STATUSES = Set.of(502, 503, 504);

    private final CircuitBreakerRegistry breakers;

    ServiceBreakerFilter(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        CircuitBreaker breaker = breakers.circuitBreaker(Upstream.serviceOf(route));
        return chain.filter(exchange)
                .then(Mono.defer(() -> judge(exchange.getResponse().getStatusCode())))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(FailingAnswer.class, answered -> Mono.empty());
    }

    private static Mono<Void> judge(HttpStatusCode status) {
        return status != null && FAILING_STATUSES.contains(status.value())
                ? Mono.error(new FailingAnswer(status))
                : Mono.empty();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** A service's own error answer: a failure for the breaker, but the caller still gets the answer. */
    static final class FailingAnswer extends RuntimeException {

        FailingAnswer(HttpStatusCode status) {
            super("answered " + status.value(), null, false, false);
        }
    }
}
