package dev.bazaar.gateway;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Kind;
import dev.bazaar.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's routes in topology.yaml are exactly what it answers itself, as its services' routes are what it
 * forwards: every path of its handlers (request mappings: the Swagger UI, its API document, the actuator; router
 * functions: the composed answers; resource handlers: the Swagger UI's files) and every route it sends where no service's routes lead (each
 * service's API document) lies within one of them, and each of them has something behind it.
 */
@SpringBootTest
class OwnRoutesIT {

    @Test
    void theMapDeclaresExactlyWhatTheGatewayAnswersItself(@Autowired ApplicationContext gateway) {
        Topology topology = Topology.ofRepository(Path.of(""));
        Component declared = topology.ofKind(Kind.GATEWAY).get(0);
        Set<String> answered = answeredItself(gateway, topology);

        List<PathPattern> routes = declared.routes().stream().map(PathPatternParser.defaultInstance::parse).toList();
        assertThat(answered).as("what the gateway answers itself").isNotEmpty().allSatisfy(path ->
                assertThat(routes).as("a route of the gateway in topology.yaml covering %s", path).anyMatch(route -> covers(route, path)));
        assertThat(routes).allSatisfy(route -> assertThat(answered)
                .as("what the gateway answers under its route %s in topology.yaml", route.getPatternString())
                .anyMatch(path -> covers(route, path)));
    }

    private static Set<String> answeredItself(ApplicationContext gateway, Topology topology) {
        Set<String> paths = new TreeSet<>();
        gateway.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping -> mapping.getHandlerMethods().keySet()
                .forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern -> paths.add(pattern.getPatternString()))));
        gateway.getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping -> mapping.getHandlerMap().keySet()
                .forEach(pattern -> paths.add(pattern.getPatternString())));
        RequestPredicates.Visitor pathsOfPredicate = visitor(RequestPredicates.Visitor.class, "path", path -> paths.add((String) path));
        gateway.getBeansOfType(RouterFunctionMapping.class).values().stream().filter(mapping -> mapping.getRouterFunction() != null)
                .forEach(mapping -> mapping.getRouterFunction().accept(visitor(RouterFunctions.Visitor.class, "route",
                        predicate -> ((RequestPredicate) predicate).accept(pathsOfPredicate))));
        // Forwarded where the service's own routes do not lead: the gateway's route, not the service's.
        gateway.getBean(RouteLocator.class).getRoutes().toStream().forEach(route -> {
            List<PathPattern> serviceRoutes = topology.component((String) route.getMetadata().get(Upstream.SERVICE_METADATA)).routes()
                    .stream().map(PathPatternParser.defaultInstance::parse).toList();
            route.getPredicate().accept(predicate -> {
                if (predicate.getConfig() instanceof PathRoutePredicateFactory.Config config) {
                    config.getPatterns().stream().filter(path -> serviceRoutes.stream().noneMatch(own -> covers(own, path))).forEach(paths::add);
                }
            });
        });
        return paths;
    }

    /**
     * Whether a route takes the requests of a handler's path pattern: tried with a path the pattern matches, each
     * variable, {@code **} and lone {@code *} a segment {@code x}, a {@code *} within a segment nothing.
     */
    private static boolean covers(PathPattern route, String pattern) {
        String path = pattern.replaceAll("\\{[^}]*}|\\*\\*|(?<=/)\\*(?=/|$)", "x").replace("*", "");
        return route.matches(PathContainer.parsePath(path));
    }

    /** A visitor that hands the first argument of one of its methods to {@code seen}, and ignores the others. */
    private static <T> T visitor(Class<T> type, String method, Consumer<Object> seen) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, arguments) -> {
            if (called.getName().equals(method)) {
                seen.accept(arguments[0]);
            }
            return null;
        }));
    }
}
