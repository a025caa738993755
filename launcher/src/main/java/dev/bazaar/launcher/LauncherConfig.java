package dev.bazaar.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bazaar.platform.topology.Component;
import dev.bazaar.platform.topology.Topology;

/**
 * How to run a platform: its map (topology.yaml), where the repository and the home directory are, how
 * ports are shifted, whether PostgreSQL and Kafka are external, and which components to run. Immutable;
 * made with {@link #builder(Path)}. A system test that must not clash with a developer's platform uses:
 *
 * <pre>{@code
 * Path root = LauncherConfig.findRepoRoot(Path.of(""));
 * LauncherConfig config = LauncherConfig.builder(root).home(root.resolve("system-tests/target/bazaar"))
 *         .portOffset(10000).stopOnExit(true).build();
 * }</pre>
 *
 * @param home             data, logs, pid files and secrets of this platform
 * @param ports            where each component listens (its first instance), and {@code kafka-controller}
 * @param components       the components to run, in the order of the map: all, or those asked for with what they wait for
 * @param startTimeout     how long each component may take to become healthy
 * @param javaExecutable   the {@code java} that runs Kafka and the applications: the one running the launcher (JAVA_HOME
 *                         in ./bazaar)
 * @param jvmOptions       JVM options for every application, after those topology.yaml gives it
 * @param classDataArchives whether the JVMs keep class-data archives under {@code cds/} ({@link ClassDataArchive})
 * @param extraEnvironment variables by component, those of {@code ""} for every one; see {@link #environment(String)}
 */
public record LauncherConfig(Path repoRoot, Path home, Topology topology, int portOffset, Map<String, Integer> ports,
                             Optional<ExternalPostgres> externalPostgres, Optional<String> externalKafkaBootstrapServers,
                             List<String> components, boolean buildIfStale, boolean stopOnExit, Duration startTimeout,
                             Path javaExecutable, List<String> jvmOptions, boolean classDataArchives,
                             Map<String, Map<String, String>> extraEnvironment, List<String> mavenCommand) {

    /** Kafka's second listener has no component of its own; its port is overridden as this name. */
    static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    public LauncherConfig {
        ports = Map.copyOf(ports);
        components = List.copyOf(components);
        jvmOptions = List.copyOf(jvmOptions);
        Map<String, Map<String, String>> copied = new LinkedHashMap<>();
        extraEnvironment.forEach((component, variables) -> copied.put(component, Map.copyOf(variables)));
        extraEnvironment = Map.copyOf(copied);
        mavenCommand = List.copyOf(mavenCommand);
        validatePorts(ports, externalPostgres.isPresent(), externalKafkaBootstrapServers.isPresent(), portOffset);
    }

    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /** The repository root at or above {@code start}: the first directory holding {@code mvnw} and topology.yaml. */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve(Topology.FILE))) {
                return dir;
            }
        }
        throw new LauncherException("No Bazaar repository (mvnw and " + Topology.FILE + ") at or above " + start.toAbsolutePath());
    }

    /** Where a component listens (its first instance), or Kafka's controller as {@code kafka-controller}. */
    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("Unknown component: " + component);
        }
        return port;
    }

    /** Extra environment of one component: what is set for every one, then its own. */
    public Map<String, String> environment(String component) {
        Map<String, String> variables = new LinkedHashMap<>(extraEnvironment.getOrDefault("", Map.of()));
        variables.putAll(extraEnvironment.getOrDefault(component, Map.of()));
        return variables;
    }

    /**
     * An application's jar: {@code <module>/target/<name>.jar}; for Zipkin, the server's jar that building the launcher
     * copies from Maven Central, {@code launcher/target/zipkin/zipkin-server.jar}.
     */
    public Path jar(String application) {
        Component component = topology.component(application);
        if (!component.kind().isApplication()) {
            throw new IllegalArgumentException(application + " is not an application");
        }
        if (!component.kind().isBuilt()) {
            return repoRoot.resolve("launcher").resolve("target").resolve("zipkin").resolve("zipkin-server.jar");
        }
        return repoRoot.resolve(component.module()).resolve("target").resolve(application + ".jar");
    }

    private static void validatePorts(Map<String, Integer> ports, boolean externalPostgres, boolean externalKafka, int portOffset) {
        Map<Integer, String> seen = new LinkedHashMap<>();
        ports.forEach((component, port) -> {
            boolean external = component.equals("postgres") && externalPostgres
                    || (component.equals("kafka") || component.equals(KAFKA_CONTROLLER)) && externalKafka;
            if (external) {
                return;
            }
            if (port < 1 || port > 65535) {
                throw new LauncherException("Port of " + component + " out of range: " + port + " (check BAZAAR_PORT_OFFSET=" + portOffset + ")");
            }
            String other = seen.put(port, component);
            if (other != null) {
                throw new LauncherException("Port " + port + " is given to both " + other + " and " + component);
            }
        });
    }

    /** Builds a {@link LauncherConfig}; later calls override earlier ones. */
    public static final class Builder {

        private final Path repoRoot;
        private Path home;
        private Topology topology;
        private int portOffset;
        private final Map<String, Integer> ports = new LinkedHashMap<>();
        private ExternalPostgres externalPostgres;
        private String externalKafka;
        private List<String> only = List.of();
        private boolean buildIfStale;
        private boolean stopOnExit;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final List<String> jvmOptions = new ArrayList<>();
        private boolean classDataArchives = true;
        private final Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        private List<String> mavenCommand = List.of();

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot.toAbsolutePath().normalize();
        }

        /** Default {@code <repoRoot>/.bazaar}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Default: {@code <repoRoot>/topology.yaml}. */
        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        /** Added to every port of the map, so that a second platform can run beside the first. */
        public Builder portOffset(int portOffset) {
            this.portOffset = portOffset;
            return this;
        }

        /** One port exactly, the offset not applied: a component's name, or {@code kafka-controller}. */
        public Builder port(String component, int port) {
            ports.put(component, port);
            return this;
        }

        public Builder externalPostgres(ExternalPostgres postgres) {
            this.externalPostgres = postgres;
            return this;
        }

        /** An existing Kafka ({@code host:port,...}) instead of the launcher's own. */
        public Builder externalKafka(String bootstrapServers) {
            this.externalKafka = bootstrapServers;
            return this;
        }

        /** Runs only these components and what they wait for; none named means all. */
        public Builder only(Collection<String> components) {
            this.only = List.copyOf(components);
            return this;
        }

        public Builder only(String... components) {
            return only(List.of(components));
        }

        /** Rebuilds application jars older than their sources before starting (what {@code ./bazaar up} does). */
        public Builder buildIfStale(boolean buildIfStale) {
            this.buildIfStale = buildIfStale;
            return this;
        }

        /** Stops the platform when the JVM that started it exits. */
        public Builder stopOnExit(boolean stopOnExit) {
            this.stopOnExit = stopOnExit;
            return this;
        }

        /**
         * Whether the JVMs keep class-data archives (by default they do, {@code BAZAAR_CLASS_DATA_ARCHIVES=false} says
         * otherwise): an archive halves a JVM's start-up from its second start on, but a JVM that has none yet writes
         * it as it stops, which then takes tens of seconds longer; not worth it for a platform whose home is thrown
         * away, such as a test's.
         */
        public Builder classDataArchives(boolean classDataArchives) {
            this.classDataArchives = classDataArchives;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** A variable for every application. */
        public Builder environment(String name, String value) {
            return environment("", name, value);
        }

        /** A variable for one application, e.g. to make a simulated carrier quicker in a test. */
        public Builder environment(String component, String name, String value) {
            environment.computeIfAbsent(component, key -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder mavenCommand(List<String> command) {
            this.mavenCommand = List.copyOf(command);
            return this;
        }

        /**
         * Applies the {@code BAZAAR_*} variables: {@code BAZAAR_HOME}, {@code BAZAAR_PORT_OFFSET},
         * {@code BAZAAR_<COMPONENT>_PORT}, {@code BAZAAR_POSTGRES_URL}, {@code BAZAAR_KAFKA_BOOTSTRAP_SERVERS},
         * {@code BAZAAR_START_TIMEOUT} (seconds), {@code BAZAAR_JVM_OPTS} and {@code BAZAAR_MAVEN}.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            value(env, "BAZAAR_HOME").ifPresent(dir -> home(repoRoot.resolve(dir)));
            value(env, "BAZAAR_PORT_OFFSET").ifPresent(offset -> portOffset(integer("BAZAAR_PORT_OFFSET", offset)));
            env.forEach((name, text) -> {
                if (name.startsWith("BAZAAR_") && name.endsWith("_PORT") && !text.isBlank()) {
                    String component = name.substring("BAZAAR_".length(), name.length() - "_PORT".length())
                            .toLowerCase(Locale.ROOT).replace('_', '-');
                    port(component, integer(name, text.trim()));
                }
            });
            value(env, "BAZAAR_POSTGRES_URL").ifPresent(url -> externalPostgres(ExternalPostgres.parse(url)));
            value(env, "BAZAAR_KAFKA_BOOTSTRAP_SERVERS").ifPresent(this::externalKafka);
            value(env, "BAZAAR_START_TIMEOUT").ifPresent(seconds -> startTimeout(Duration.ofSeconds(integer("BAZAAR_START_TIMEOUT", seconds))));
            value(env, "BAZAAR_JVM_OPTS").ifPresent(options -> jvmOptions(words(options)));
            value(env, "BAZAAR_CLASS_DATA_ARCHIVES").ifPresent(keep -> classDataArchives(yesOrNo("BAZAAR_CLASS_DATA_ARCHIVES", keep)));
            value(env, "BAZAAR_MAVEN").ifPresent(command -> mavenCommand(words(command)));
            return this;
        }

        public LauncherConfig build() {
            Path resolvedHome = home == null ? repoRoot.resolve(".bazaar") : home.toAbsolutePath().normalize();
            Topology map = topology == null ? Topology.load(repoRoot.resolve(Topology.FILE)) : topology;
            Map<String, Integer> resolved = new LinkedHashMap<>();
            for (Component component : map.components()) {
                resolved.put(component.name(), ports.getOrDefault(component.name(), component.port() + portOffset));
                if (component.controllerPort() != 0) {
                    resolved.put(KAFKA_CONTROLLER, ports.getOrDefault(KAFKA_CONTROLLER, component.controllerPort() + portOffset));
                }
            }
            ports.keySet().stream().filter(name -> !resolved.containsKey(name)).findFirst().ifPresent(name -> {
                throw new LauncherException("A port is set for '" + name + "', which topology.yaml does not declare");
            });
            return new LauncherConfig(repoRoot, resolvedHome, map, portOffset, resolved, Optional.ofNullable(externalPostgres),
                    Optional.ofNullable(externalKafka), withWhatTheyWaitFor(map, only), buildIfStale, stopOnExit, startTimeout,
                    Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, classDataArchives, environment,
                    mavenCommand.isEmpty() ? List.of(repoRoot.resolve("mvnw").toString()) : mavenCommand);
        }

        private static List<String> withWhatTheyWaitFor(Topology topology, Collection<String> only) {
            if (only.isEmpty()) {
                return topology.names();
            }
            Set<String> wanted = new LinkedHashSet<>();
            List<String> queue = new ArrayList<>(only);
            while (!queue.isEmpty()) {
                String name = queue.remove(0);
                if (wanted.add(topology.component(name).name())) {
                    queue.addAll(topology.component(name).waitsFor());
                }
            }
            return topology.names().stream().filter(wanted::contains).toList();
        }

        private static Optional<String> value(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(text -> !text.isEmpty());
        }

        private static int integer(String variable, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new LauncherException(variable + " must be a whole number, not '" + text + "'");
            }
        }

        private static boolean yesOrNo(String variable, String text) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new LauncherException(variable + " must be true or false, not '" + text + "'");
            }
            return Boolean.parseBoolean(text);
        }

        private static List<String> words(String text) {
            return List.of(text.trim().split("\\s+"));
        }
    }
}
