package dev.bazaar.gateway;

import java.util.List;
import java.util.Set;

import dev.bazaar.platform.topology.Topology;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Refuses a call to a service that already has its limit of calls in flight ({@link InFlightLimitFilter}) as soon as
 * the request arrives: before its token is checked, its rate counted and its route chosen. Under a burst at twice what
 * the platform sustains, most requests are refused, and each refusal took the gateway's CPU from the orders it could
 * pass on (docs/performance.md has the figures). A call that finds room goes on, and {@link InFlightLimitFilter}
 * counts it and refuses those that raced past this check.
 *
 * <p>A busy service's 503 therefore reaches a caller whose token would have been refused, too: it says nothing about
 * the caller, and nothing was forwarded. Left alone: reads of the services whose kept answers are served while they are
 * unavailable ({@link StaleReadFallbackFilter}), and the answers the gateway composes ({@link ComposedAnswers}), which
 * are not routed (an order's overview is on ordering's path) and whose parts each have their own deadline.
 */
@Component
@Order(BusyAtTheDoor.ORDER)
class BusyAtTheDoor implements WebFilter {

    /** After the edge limits and the request's arrival time ({@link EdgeLimits}, {@link RequestStart}). */
    static final int ORDER = EdgeLimits.ORDER + 1;

    private final InFlightLimitFilter limits;
    private final List<Door> doors;
    private final List<PathPattern> composed;
    private final Set<String> servedStale;

    BusyAtTheDoor(InFlightLimitFilter limits, Topology topology, GatewayProperties properties) {
        this.limits = limits;
        // The service's path routes, the most specific first, as the gateway routes them; a keyed write goes to the
        // service whose path it is (RoutingConfiguration checks that), so the paths alone say where a request goes.
        this.doors = RoutingConfiguration.routesOf(topology).stream().filter(route -> route.keyedWrite() == null)
                .map(route -> new Door(PathPatternParser.defaultInstance.parse(route.path()), route.service())).toList();
        this.composed = properties.compositions().values().stream()
                .map(composition -> PathPatternParser.defaultInstance.parse(composition.path())).toList();
        this.servedStale = properties.stale().services();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        String service = serviceOf(path);
        if (service == null) {
            return chain.filter(exchange);
        }
        if (HttpMethod.GET.equals(request.getMethod())
                && (servedStale.contains(service) || composed.stream().anyMatch(pattern -> pattern.matches(path)))) {
            return chain.filter(exchange);
        }
        InFlightLimitFilter.ServiceBusy refusal = limits.refusal(service);
        return refusal == null ? chain.filter(exchange) : Mono.error(refusal);
    }

    private String serviceOf(PathContainer path) {
        for (Door door : doors) {
            if (door.path().matches(path)) {
                return door.service();
            }
        }
        return null;
    }

    private record Door(PathPattern path, String service) {
    }
}
