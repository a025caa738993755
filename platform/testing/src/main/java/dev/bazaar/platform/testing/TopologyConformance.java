package dev.bazaar.platform.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.bazaar.platform.messaging.EventType;
import dev.bazaar.platform.messaging.MessagingProperties;
import dev.bazaar.platform.messaging.Subscription;
import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps topology.yaml true to the code: a service publishes exactly the event types the map declares for it
 * (its {@link EventType} classes, the only payloads the outbox accepts), on the topic declared, and reads
 * exactly the topics and types declared (its {@link Subscription} beans); the public API it describes in OpenAPI
 * ({@code /v3/api-docs}) lies within the routes the map gives it, and each of its {@code /api} routes leads to a
 * documented operation. Each service runs it in a test:
 *
 * <pre>{@code
 * @ServiceIntegrationTest
 * class TopologyIT {
 *     @Test
 *     void publishesAndConsumesWhatTheMapDeclares(@Autowired ApplicationContext service) {
 *         TopologyConformance.assertMatches(service);
 *     }
 * }
 * }</pre>
 */
public final class TopologyConformance {

    private TopologyConformance() {
    }

    /** The repository's map, as the tests of any module read it. */
    public static Topology topology() {
        return Topology.ofRepository(Path.of(""));
    }

    public static void assertMatches(ApplicationContext service) {
        String name = service.getEnvironment().getRequiredProperty("spring.application.name");
        Component declared = topology().component(name);

        assertThat(service.getBean(MessagingProperties.class).topic())
                .as("the topic %s writes, against topology.yaml", name).isEqualTo(declared.topic());
        // The launcher grants each service its dead-letter topic by this name, and nothing else besides its own topic.
        assertThat(service.getBean(MessagingProperties.class).deadLetterTopic())
                .as("the dead-letter topic of %s, against topology.yaml's convention", name).isEqualTo(declared.deadLetterTopic().orElseThrow());
        assertThat(publishedTypes("dev.bazaar." + name))
                .as("the @EventType classes of %s, against what topology.yaml says it publishes", name)
                .isEqualTo(new TreeSet<>(declared.publishes()));
        assertThat(consumedTypes(service))
                .as("the Subscription beans of %s, against what topology.yaml says it consumes", name)
                .isEqualTo(sorted(declared.consumes()));
        assertApiWithinRoutes(service, declared);
    }

    /**
     * The service's OpenAPI document, against its routes: every documented path is reached through one of them (or the
     * gateway could not route it), and every route under {@code /api} has something documented behind it.
     */
    static void assertApiWithinRoutes(ApplicationContext service, Component declared) {
        int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
        JsonNode document = TestHttp.client(port).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(document.path("openapi").asString()).as("the OpenAPI version of %s", declared.name()).startsWith("3.");
        List<String> paths = new ArrayList<>(document.path("paths").propertyNames());
        List<PathPattern> routes = declared.routes().stream().map(PathPatternParser.defaultInstance::parse).toList();
        assertThat(paths).as("the documented paths of %s", declared.name()).isNotEmpty()
                .allSatisfy(path -> assertThat(routes).as("a route of %s in topology.yaml leading to %s", declared.name(), path)
                        .anyMatch(route -> route.matches(PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x")))));
        routes.stream().filter(route -> route.getPatternString().startsWith("/api/")).forEach(route ->
                assertThat(paths).as("documented operations behind %s's route %s", declared.name(), route.getPatternString())
                        .anyMatch(path -> route.matches(PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x")))));
        // The gateway sends a keyed write again when its connection broke: only what answers a repeated key once may be one.
        assertThat(keyedOperations(document)).as("the operations of %s documenting an Idempotency-Key header, against its "
                + "keyed-writes in topology.yaml", declared.name()).isEqualTo(new TreeSet<>(declared.keyedWrites()));
    }

    /** {@code POST /api/orders} and the like: the operations whose parameters include the header {@code Idempotency-Key}. */
    static Set<String> keyedOperations(JsonNode document) {
        Set<String> keyed = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("in").asString().equals("header") && parameter.path("name").asString().equalsIgnoreCase("Idempotency-Key")) {
                    keyed.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }));
        return keyed;
    }

    /** The event types named by {@link EventType} classes under a package. */
    static Set<String> publishedTypes(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
        Set<String> types = new TreeSet<>();
        scanner.findCandidateComponents(basePackage).forEach(definition -> types.add(String.valueOf(
                ((AnnotatedBeanDefinition) definition).getMetadata().getAnnotations().get(EventType.class)
                        .getValue("value").orElseThrow())));
        return types;
    }

    static Map<String, Set<String>> consumedTypes(ApplicationContext service) {
        Map<String, Set<String>> consumed = new TreeMap<>();
        for (Subscription subscription : service.getBeansOfType(Subscription.class).values()) {
            Set<String> types = consumed.computeIfAbsent(subscription.topic(), topic -> new TreeSet<>());
            types.addAll(subscription.types());
        }
        return consumed;
    }

    private static Map<String, Set<String>> sorted(Map<String, List<String>> consumes) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        consumes.forEach((topic, types) -> sorted.put(topic, new TreeSet<>(new LinkedHashSet<>(types))));
        return sorted;
    }
}
