package dev.bazaar.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * At most {@code bazaar.gateway.max-in-flight} calls in flight to a service for each of its instances that calls are
 * balanced over (16 × 2 for a service with two, however the load balancer spreads them; 16 while one of them is
 * left out for refusing connections); a call beyond that is refused at once with a 503 and
 * {@code Retry-After} ({@link UpstreamProblemHandler}), and never forwarded. A call counts until the service's status and
 * headers arrive (or the route's response timeout), not while its body is relayed to a slow client. The parts of the
 * answers the gateway composes itself ({@link ComposedAnswers}) are not counted: each has its own short deadline.
 *
 * <p>Why: a service that already has that many requests queued cannot answer another any sooner, and on two cores a
 * queue costs more than a refusal. Under a burst at twice what the platform sustains, calls that were forwarded anyway
 * waited in ordering's queue, where refusing each cost ordering nearly what taking it did. Refused here, before the load
 * balancer and the breaker, a call costs neither the service nor the breaker's count anything (a busy service is not a
 * failing one).
 *
 * <p>A count and a limit read at each call rather than a bulkhead of fixed size: the limit follows the service's
 * instances as they come and go, and a smaller one holds from the next call on, with nothing to wait for.
 */
@Component
class InFlightLimitFilter implements GlobalFilter, Ordered {

    /** After the route is chosen, before the load balancer (10150) and the breaker ({@link ServiceBreakerFilter}). */
    static final int ORDER = 10_100;

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ServiceInstances instances;
    private final MeterRegistry meters;
    private final int perInstance;

    InFlightLimitFilter(ServiceInstances instances, MeterRegistry meters, GatewayProperties properties) {
        this.instances = instances;
        this.meters = meters;
        this.perInstance = properties.maxInFlight();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        String service = Upstream.serviceOf(route);
        AtomicInteger calls = inFlight.computeIfAbsent(service, this::counted);
        return Mono.defer(() -> {
            int limit = limitOf(service);
            if (calls.incrementAndGet() > limit) {
                calls.decrementAndGet();
                return Mono.error(new ServiceBusy(service, limit));
            }
            // Ended, failed or cancelled (the client went away): the call leaves the count.
            return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> calls.decrementAndGet());
        });
    }

    /**
     * Whether a call to the service would be refused now: it has its limit of calls in flight. What {@link BusyAtTheDoor}
     * asks before anything else is done with a request.
     */
    ServiceBusy refusal(String service) {
        AtomicInteger calls = inFlight.get(service);
        int limit = limitOf(service);
        return calls != null && calls.get() >= limit ? new ServiceBusy(service, limit) : null;
    }

    /** Per instance the calls are balanced over: one ejected for refusing connections takes none, so it gives no room. */
    private int limitOf(String service) {
        return perInstance * Math.max(1, instances.balanced(service).size());
    }

    /** {@code bazaar_gateway_calls_in_flight{service}}: what the limit is compared with. */
    private AtomicInteger counted(String service) {
        AtomicInteger calls = new AtomicInteger();
        Gauge.builder("bazaar.gateway.calls.in.flight", calls, AtomicInteger::get)
                .description("Calls routed to the service whose status and headers have not arrived yet")
                .tag("service", service)
                .register(meters);
        return calls;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The service had its limit of calls in flight; this one was not forwarded. */
    static final class ServiceBusy extends RuntimeException {

        private final String service;

        ServiceBusy(String service, int limit) {
            // Thousands a second in a burst: the problem says what happened, a stack trace would not.
            super(service + " has " + limit + " calls in flight", null, false, false);
            this.service = service;
        }

        String service() {
            return service;
        }
    }
}
