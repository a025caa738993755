package dev.bazaar.gateway;

import java.time.Clock;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells a service when the gateway received the request ({@code X-Request-Start: t=<epoch millis>}, as load balancers
 * write it), before anything else is done with it: a service can then see how long the request has already waited
 * (for CPU, in queues) and refuse at once work that could not be answered before the gateway's response timeout,
 * rather than do it for a caller who has been told 504 (ordering's checkout does). Whatever a client sent under that
 * name is replaced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestStart implements WebFilter {

    static final String HEADER = "X-Request-Start";

    private final Clock clock;

    RequestStart(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String received = "t=" + clock.millis();
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> headers.set(HEADER, received))).build());
    }
}
