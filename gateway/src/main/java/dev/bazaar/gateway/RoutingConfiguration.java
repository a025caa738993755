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
            routes.route(route.id(), spec -> spec.order(precedence).path(route.path())
                    // A refused connection was never sent: any method may go to another instance. A read may also be
                    // tried again when the connection broke under it (an instance killed while its pooled connection
                    // was being reused); a write may not, as it may have been applied.
                    .filters(filters -> filters
                            .retry(retry -> retry.setRetries(RETRIES).allMethods().setSeries().setExceptions(ConnectException.class))
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
     * Every route of the map, the most specific path first, so that {@code /api/customers/*}{@code /orders} (ordering's)
     * wins over {@code /api/customers/**} (customer's). A service's first route is named after it, the others
     * {@code <service>-2} and on; all share the service's circuit breaker.
     */
    static List<Route> routesOf(Topology topology) {
        List<Route> routes = new ArrayList<>();
        for (Component component : topology.components()) {
            if (component.kind() == Kind.GATEWAY) {
                continue;
            }
            for (int i = 0; i < component.routes().size(); i++) {
                routes.add(new Route(i == 0 ? component.name() : component.name() + "-" + (i + 1), component.name(),
                        component.routes().get(i)));
            }
        }
        routes.sort(Comparator.comparing(route -> PathPatternParser.defaultInstance.parse(route.path()), PathPattern.SPECIFICITY_COMPARATOR));
        return routes;
    }

    record Route(String id, String service, String path) {
    }
}
