package dev.bazaar.gateway;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * At most {@code bazaar.gateway.max-in-flight} calls in flight to each instance of a service; a call beyond that is
 * refused at once with a 503 and {@code Retry-After} ({@link UpstreamProblemHandler}), and never forwarded.
 *
 * <p>Why: a service that already has that many requests queued cannot answer another any sooner, and on two cores a
 * queue costs more than a refusal. Under a burst at twice what the platform sustains, calls that were forwarded anyway
 * waited in ordering's queue, where refusing each cost ordering nearly what taking it did; the machine saturated, the
 * gateway stopped accepting connections in time and clients timed out, some behind orders that were placed all the
 * same. Refused here, before the load balancer and the breaker, a call costs neither the service nor the breaker's count
 * anything (a busy service is not a failing one).
 */
@Component
class InFlightLimitFilter implements GlobalFilter, Ordered {

    /** After the route is chosen, before the load balancer (10150) and the breaker ({@link ServiceBreakerFilter}). */
    static final int ORDER = 10_100;

    private final BulkheadRegistry limits;
    private final ServiceInstances instances;
    private final int perInstance;

    InFlightLimitFilter(BulkheadRegistry limits, ServiceInstances instances, GatewayProperties properties) {
        this.limits = limits;
        this.instances = instances;
        this.perInstance = properties.maxInFlight();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).transformDeferred(BulkheadOperator.of(limitOf(Upstream.serviceOf(route))));
    }

    /** The service's bulkhead, sized for the instances it has now (a scaled service gets room for each). */
    private Bulkhead limitOf(String service) {
        Bulkhead limit = limits.bulkhead(service);
        int size = perInstance * Math.max(1, instances.instancesOf(service).size());
        if (limit.getBulkheadConfig().getMaxConcurrentCalls() != size) {
            limit.changeConfig(BulkheadConfig.from(limit.getBulkheadConfig()).maxConcurrentCalls(size).build());
        }
        return limit;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
