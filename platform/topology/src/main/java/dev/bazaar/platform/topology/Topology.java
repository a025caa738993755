package dev.bazaar.platform.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The platform's map: every component of topology.yaml, checked on reading so that a typo or an impossible
 * declaration (two components on one port, a service reading a topic nobody owns, an event type its producer
 * does not publish, a cycle in {@code waits-for}) is refused with a message naming it.
 */
public final class Topology {

    /** The file name, at the repository root and at the root of the class path. */
    public static final String FILE = "topology.yaml";
    /** How many instances of one service the launcher runs at most: a port band of 100 each, ten bands. */
    public static final int MAX_INSTANCES = 9;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Component> components;

    private Topology(Map<String, Component> components) {
        this.components = components;
    }

    /** Reads and checks a topology file. */
    public static Topology load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new TopologyException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The topology.yaml built into the class path (the platform-topology jar carries the repository's). */
    public static Topology bundled() {
        try (InputStream in = Topology.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new TopologyException(FILE + " is not on the class path");
            }
            return read(in, "classpath:" + FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** topology.yaml at the repository root at or above {@code start}: what tests running in a module read. */
    public static Topology ofRepository(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return load(dir.resolve(FILE));
            }
        }
        throw new TopologyException("No " + FILE + " at or above " + start.toAbsolutePath());
    }

    static Topology read(InputStream in, String source) {
        Declaration declaration;
        try {
            declaration = YAML.readValue(in, Declaration.class);
        } catch (JacksonException e) {
            throw new TopologyException(source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (declaration == null || declaration.components() == null || declaration.components().isEmpty()) {
            throw new TopologyException(source + " declares no components");
        }
        List<String> defaultJvm = declaration.defaults() == null || declaration.defaults().jvm() == null
                ? List.of() : declaration.defaults().jvm();
        Map<String, Component> components = new LinkedHashMap<>();
        declaration.components().forEach((name, declared) ->
                components.put(name, declared.toComponent(name, defaultJvm)));
        Topology topology = new Topology(components);
        topology.check();
        return topology;
    }

    /** Every component, in the order of the file. */
    public Collection<Component> components() {
        return components.values();
    }

    public Component component(String name) {
        Component component = components.get(name);
        if (component == null) {
            throw new TopologyException("No component '" + name + "' in " + FILE + " (there are " + String.join(", ", names()) + ")");
        }
        return component;
    }

    public Optional<Component> find(String name) {
        return Optional.ofNullable(components.get(name));
    }

    public List<String> names() {
        return List.copyOf(components.keySet());
    }

    public List<Component> ofKind(Kind kind) {
        return components.values().stream().filter(component -> component.kind() == kind).toList();
    }

    /** The bounded contexts, in the order of the file. */
    public List<Component> services() {
        return ofKind(Kind.SERVICE);
    }

    /** The components run as JVMs with a health endpoint: the services, the gateway, Zipkin and the console. */
    public List<Component> applications() {
        return components.values().stream().filter(component -> component.kind().isApplication()).toList();
    }

    /** The component that owns (alone writes) a topic. */
    public Optional<Component> ownerOf(String topic) {
        return components.values().stream().filter(component -> topic.equals(component.topic())).findFirst();
    }

    /** The components that read a topic. */
    public List<Component> consumersOf(String topic) {
        return components.values().stream().filter(component -> component.consumes().containsKey(topic)).toList();
    }

    /**
     * The order of a start: each wave holds the components whose {@code waits-for} are all in earlier waves, so a
     * wave can start together once the one before is healthy. Within a wave, the order of the file.
     */
    public List<List<Component>> startWaves() {
        Map<String, Integer> depth = new HashMap<>();
        components.keySet().forEach(name -> depth(name, depth, new LinkedHashSet<>()));
        int deepest = depth.values().stream().max(Integer::compare).orElse(0);
        List<List<Component>> waves = new ArrayList<>();
        for (int level = 0; level <= deepest; level++) {
            int wave = level;
            waves.add(components.values().stream().filter(component -> depth.get(component.name()) == wave).toList());
        }
        return waves;
    }

    private int depth(String name, Map<String, Integer> depths, Set<String> path) {
        Integer known = depths.get(name);
        if (known != null) {
            return known;
        }
        if (!path.add(name)) {
            throw new TopologyException("waits-for goes round in a circle: " + String.join(" -> ", path) + " -> " + name);
        }
        int depth = 0;
        for (String dependency : components.get(name).waitsFor()) {
            depth = Math.max(depth, depth(dependency, depths, path) + 1);
        }
        path.remove(name);
        depths.put(name, depth);
        return depth;
    }

    private void check() {
        Map<Integer, String> ports = new HashMap<>();
        Map<String, String> databases = new HashMap<>();
        for (Component component : components.values()) {
            String name = component.name();
            claim(ports, component.port(), name);
            if (component.controllerPort() != 0) {
                claim(ports, component.controllerPort(), name + " (controller)");
            }
            component.databaseName().ifPresent(database -> {
                String other = databases.put(database, name);
                if (other != null) {
                    throw new TopologyException(name + " and " + other + " both claim the database '" + database + "'");
                }
            });
            for (String dependency : component.waitsFor()) {
                if (!components.containsKey(dependency)) {
                    throw new TopologyException(name + " waits for '" + dependency + "', which is not a component");
                }
            }
            component.consumes().forEach((topic, types) -> {
                Component owner = ownerOf(topic).orElseThrow(() ->
                        new TopologyException(name + " consumes " + topic + ", which no component owns"));
                if (owner == component) {
                    throw new TopologyException(name + " consumes its own topic " + topic);
                }
                for (String type : types) {
                    if (!owner.publishes().contains(type)) {
                        throw new TopologyException(name + " consumes " + type + " from " + topic + ", but " + owner.name()
                                + " publishes only " + String.join(", ", owner.publishes()));
                    }
                }
            });
        }
        startWaves();
    }

    private static void claim(Map<Integer, String> ports, int port, String component) {
        String other = ports.put(port, component);
        if (other != null) {
            throw new TopologyException(component + " and " + other + " both claim port " + port);
        }
    }

    /** The file as written; checked and turned into {@link Component}s by {@link #read}. */
    record Declaration(Defaults defaults, LinkedHashMap<String, Declared> components) {
    }

    record Defaults(List<String> jvm) {
    }

    record Declared(String kind, String description, String module, Integer port, Integer controllerPort, String database,
                    String topic, List<String> publishes, LinkedHashMap<String, List<String>> consumes, List<String> routes,
                    List<String> keyedWrites, List<String> jvm, List<String> waitsFor, Integer instances, Integer nice) {

        Component toComponent(String name, List<String> defaultJvm) {
            if (!NAME.matcher(name).matches()) {
                throw new TopologyException("'" + name + "' is not a component name: lower-case letters and digits, starting with a letter");
            }
            if (kind == null) {
                throw new TopologyException(name + ": kind is missing");
            }
            Kind parsed = Kind.parse(kind, name);
            if (port == null || port < 1 || port > 65535) {
                throw new TopologyException(name + ": port must be between 1 and 65535, was " + port);
            }
            int count = instances == null ? 1 : instances;
            if (count < 1 || count > MAX_INSTANCES) {
                throw new TopologyException(name + ": instances must be between 1 and " + MAX_INSTANCES + ", was " + count);
            }
            if (count > 1 && parsed != Kind.SERVICE) {
                throw new TopologyException(name + ": only services run several instances; a " + parsed.label() + " runs one");
            }
            if (nice != null && (nice < 0 || nice > 19)) {
                throw new TopologyException(name + ": nice must be between 0 and 19, was " + nice);
            }
            if (nice != null && nice != 0 && parsed == Kind.POSTGRES) {
                // Its server processes are started by the embedded PostgreSQL library, and they serve checkout itself.
                throw new TopologyException(name + ": the launcher runs PostgreSQL at the normal priority; remove nice");
            }
            if (parsed.isBuilt() && (module == null || module.isBlank())) {
                throw new TopologyException(name + ": a " + parsed.label() + " needs the module that builds it");
            }
            if (parsed == Kind.KAFKA && (controllerPort == null || controllerPort < 1 || controllerPort > 65535)) {
                throw new TopologyException(name + ": Kafka needs a controller-port between 1 and 65535");
            }
            if (parsed == Kind.SERVICE) {
                require(database, name, "database");
                require(topic, name, "topic");
                if (!topic.equals(name + ".events")) {
                    throw new TopologyException(name + ": a service's topic is named after it, " + name + ".events, not " + topic);
                }
                if (publishes == null || publishes.isEmpty()) {
                    throw new TopologyException(name + ": a service with a topic publishes at least one event type");
                }
            } else if (database != null || topic != null || publishes != null || consumes != null) {
                throw new TopologyException(name + ": only a service owns a database or a topic, and publishes or consumes events");
            }
            for (String route : routes == null ? List.<String>of() : routes) {
                if (!route.startsWith("/")) {
                    throw new TopologyException(name + ": route '" + route + "' is not a path");
                }
            }
            for (String write : keyedWrites == null ? List.<String>of() : keyedWrites) {
                checkKeyedWrite(name, parsed, write, routes == null ? List.of() : routes);
            }
            return new Component(name, parsed, description == null ? "" : description, module, port,
                    controllerPort == null ? 0 : controllerPort, database, topic,
                    publishes == null ? List.of() : publishes, consumes == null ? Map.of() : consumes,
                    routes == null ? List.of() : routes, keyedWrites == null ? List.of() : keyedWrites,
                    jvm == null ? defaultJvm : jvm,
                    waitsFor == null ? List.of() : waitsFor, count, nice == null ? 0 : nice);
        }

        /** A keyed write is {@code <POST|PUT|PATCH|DELETE> <path>}, on one of the service's own routes. */
        private static void checkKeyedWrite(String name, Kind kind, String write, List<String> routes) {
            if (kind != Kind.SERVICE) {
                throw new TopologyException(name + ": only a service declares keyed-writes");
            }
            String[] parts = write.trim().split("\\s+");
            if (parts.length != 2 || !List.of("POST", "PUT", "PATCH", "DELETE").contains(parts[0]) || !parts[1].startsWith("/")) {
                throw new TopologyException(name + ": keyed write '" + write + "' is not '<POST|PUT|PATCH|DELETE> /path'");
            }
            String path = parts[1].replaceAll("\\{[^}]+}", "x");
            if (routes.stream().noneMatch(route -> path.matches(routeRegex(route)))) {
                throw new TopologyException(name + ": keyed write '" + write + "' is on none of its routes " + routes);
            }
        }

        /** A route's path pattern ({@code /api/orders/**}, {@code /api/customers/*}{@code /orders}) as a regular expression. */
        private static String routeRegex(String route) {
            StringBuilder regex = new StringBuilder();
            for (String segment : route.substring(1).split("/")) {
                regex.append(switch (segment) {
                    case "**" -> "(/.*)?";
                    case "*" -> "/[^/]+";
                    default -> "/" + Pattern.quote(segment);
                });
            }
            return regex.toString();
        }

        private static void require(String value, String component, String field) {
            if (value == null || value.isBlank()) {
                throw new TopologyException(component + ": a service needs its " + field);
            }
        }
    }
}
