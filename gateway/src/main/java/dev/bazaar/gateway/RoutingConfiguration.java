package dev.bazaar.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import dev.bazaar.platform.topology.Topology;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes, from the map every component reads (topology.yaml, bundled in this jar): each path a service
 * declares leads to {@code lb://<service>}, balanced over its instances ({@link ServiceInstances}). Every route
 * has the same timeouts, and retries on another instance a request whose connection was refused, or a read whose
 * connection broke.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    /** Enough for the common case of one instance gone, with the ejected one left out of the next choice. */
    static final int RETRIES = 2;

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Bean
    Topology topology() {
        return Topology.bundled();
    }

    @Bean
    ServiceInstances serviceInstances(Topology topology, GatewayProperties properties, Clock clock) {
        return new ServiceInstances(topology, properties, clock);
    }

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, Topology topology, GatewayProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        List<Route> declared = routesOf(topology);
        for (int order = 0; order < declared.size(); order++) {
            Route route = declared.get(order);
            int precedence = order;
            routes.route(route.id(), spec -> (route.keyedWrite() == null ? spec.order(precedence).path(route.path())
                            : spec.order(precedence).method(route.keyedWrite()).and().path(route.path()).and().header(IDEMPOTENCY_KEY))
                    // A refused connection was never sent: any method may go to another instance. A read may also be
                    // tried again when the connection broke under it (an instance killed while its pooled connection
                    // was being reused), and so may a keyed write, which the service answers once per key (its route
                    // takes nothing else, so one retry covers both); another write may not, as it may have been applied.
                    .filters(filters -> route.keyedWrite() != null
                            ? filters.retry(retry -> retry.setRetries(RETRIES).allMethods().setSeries().setExceptions(IOException.class))
                            : filters.retry(retry -> retry.setRetries(RETRIES).allMethods().setSeries().setExceptions(ConnectException.class))
                                    .retry(retry -> retry.setRetries(RETRIES).setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                                            .setSeries().setExceptions(IOException.class)))
                    .metadata(Upstream.SERVICE_METADATA, route.service())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.connectTimeout().toMillis())
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
                    .uri("lb://" + route.service()));
        }
        // Each service's OpenAPI document, for the Swagger UI (ApiDocsConfiguration): /v3/api-docs/<service>.
        for (Component service : topology.services()) {
            routes.route("api-docs-" + service.name(), spec -> spec.path(ApiDocsConfiguration.PATH + service.name())
                    .filters(filters -> filters.setPath("/v3/api-docs"))
                    .metadata(Upstream.SERVICE_METADATA, service.name())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.connectTimeout().toMillis())
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
                    .uri("lb://" + service.name()));
        }
        return routes.build();
    }

    /**
     * Every route of the map: first the keyed writes, for requests carrying an {@code Idempotency-Key}; then the paths,
     * the most specific first, so that {@code /api/customers/*}{@code /orders} (ordering's) wins over
     * {@code /api/customers/**} (customer's). A service's first route is named after it, the others {@code <service>-2}
     * and on; all share the service's circuit breaker.
     */
    static List<Route> routesOf(Topology topology) {
        List<Route> keyed = new ArrayList<>();
        List<Route> paths = new ArrayList<>();
        for (Component component : topology.components()) {
            if (component.kind() == Kind.GATEWAY) {
                continue;
            }
            int named = 0;
            for (String route : component.routes()) {
                paths.add(new Route(routeId(component, named++), component.name(), route, null));
            }
            for (String write : component.keyedWrites()) {
                String[] methodAndPath = write.trim().split("\\s+");
                keyed.add(new Route(routeId(component, named++), component.name(), methodAndPath[1], HttpMethod.valueOf(methodAndPath[0])));
            }
        }
        paths.sort(Comparator.comparing(route -> PathPatternParser.defaultInstance.parse(route.path()), PathPattern.SPECIFICITY_COMPARATOR));
        for (Route write : keyed) {
            // Keyed routes come first: each must take only what path routing would send to its own service anyway.
            PathContainer path = PathContainer.parsePath(write.path().replaceAll("\\{[^}]+}", "x"));
            String routedTo = paths.stream().filter(route -> PathPatternParser.defaultInstance.parse(route.path()).matches(path))
                    .findFirst().map(Route::service).orElse("no service");
            if (!write.service().equals(routedTo)) {
                throw new IllegalStateException("topology.yaml: " + write.service() + " declares the keyed write " + write.keyedWrite()
                        + " " + write.path() + ", but the gateway routes that path to " + routedTo);
            }
        }
        List<Route> routes = new ArrayList<>(keyed);
        routes.addAll(paths);
        return routes;
    }

    private static String routeId(Component component, int namedBefore) {
        return namedBefore == 0 ? component.name() : component.name() + "-" + (namedBefore + 1);
    }

    /** @param keyedWrite for a keyed write, its method, and the route matches only requests with an Idempotency-Key */
    record Route(String id, String service, String path, HttpMethod keyedWrite) {
    }
}
