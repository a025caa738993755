package dev.bazaar.gateway;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Passive health checking: an instance that refuses a connection (it was killed, or is stopping) is ejected from
 * the balancing for a moment, and the route's retry sends the request to another instance. A refused connection
 * means the request was never sent, so retrying it is safe for every method.
 */
@Component
class RefusedInstanceFilter implements GlobalFilter, Ordered {

    /** After the load balancer (10150) chose the instance and the breaker (10200), just before the call. */
    static final int ORDER = 10_250;

    private final ServiceInstances instances;

    RefusedInstanceFilter(ServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doOnError(Upstream::isRefused, refused -> {
            URI instance = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
            if (instance != null) {
                instances.eject(instance);
            }
        });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
