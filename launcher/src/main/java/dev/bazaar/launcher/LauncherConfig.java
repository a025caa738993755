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
 */
public final class LauncherConfig {

    /** Kafka's second listener has no component of its own; its port is overridden as this name. */
    static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    private final Path repoRoot;
    private final Path home;
    private final Topology topology;
    private final int portOffset;
    private final Map<String, Integer> ports;
    private final ExternalPostgres externalPostgres;
    private final String externalKafka;
    private final List<String> components;
    private final boolean buildIfStale;
    private final boolean stopOnExit;
    private final Duration startTimeout;
    private final Path javaExecutable;
    private final List<String> jvmOptions;
    private final Map<String, Map<String, String>> environment;
    private final String kafkaClasspath;
    private final List<String> mavenCommand;

    private LauncherConfig(Builder builder) {
        this.repoRoot = builder.repoRoot;
        this.home = builder.home == null ? repoRoot.resolve(".bazaar") : builder.home.toAbsolutePath().normalize();
        this.topology = builder.topology == null ? Topology.load(repoRoot.resolve(Topology.FILE)) : builder.topology;
        this.portOffset = builder.portOffset;
        Map<String, Integer> resolved = new LinkedHashMap<>();
        for (Component component : topology.components()) {
            resolved.put(component.name(), builder.ports.getOrDefault(component.name(), component.port() + portOffset));
            if (component.controllerPort() != 0) {
                resolved.put(KAFKA_CONTROLLER, builder.ports.getOrDefault(KAFKA_CONTROLLER, component.controllerPort() + portOffset));
            }
        }
        builder.ports.keySet().stream().filter(name -> !resolved.containsKey(name)).findFirst().ifPresent(name -> {
            throw new LauncherException("A port is set for '" + name + "', which topology.yaml does not declare");
        });
        this.ports = Map.copyOf(resolved);
        this.externalPostgres = builder.externalPostgres;
        this.externalKafka = builder.externalKafka;
        this.components = withWhatTheyWaitFor(builder.only);
        this.buildIfStale = builder.buildIfStale;
        this.stopOnExit = builder.stopOnExit;
        this.startTimeout = builder.startTimeout;
        this.javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        builder.environment.forEach((component, variables) -> environment.put(component, Map.copyOf(variables)));
        this.environment = Map.copyOf(environment);
        this.kafkaClasspath = System.getProperty("java.class.path");
        this.mavenCommand = builder.mavenCommand.isEmpty() ? List.of(repoRoot.resolve("mvnw").toString()) : builder.mavenCommand;
        validatePorts();
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

    public Path repoRoot() {
        return repoRoot;
    }

    /** Data, logs, pid files and secrets of this platform. */
    public Path home() {
        return home;
    }

    public Topology topology() {
        return topology;
    }

    public int portOffset() {
        return portOffset;
    }

    /** Where a component listens (its first instance), or Kafka's controller as {@code kafka-controller}. */
    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("Unknown component: " + component);
        }
        return port;
    }

    Map<String, Integer> ports() {
        return ports;
    }

    public Optional<ExternalPostgres> externalPostgres() {
        return Optional.ofNullable(externalPostgres);
    }

    public Optional<String> externalKafkaBootstrapServers() {
        return Optional.ofNullable(externalKafka);
    }

    /** The components to run, in the order of the map: all, or those asked for with what they wait for. */
    public List<String> components() {
        return components;
    }

    public boolean buildIfStale() {
        return buildIfStale;
    }

    public boolean stopOnExit() {
        return stopOnExit;
    }

    /** How long each component may take to become healthy. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** The {@code java} that runs Kafka and the applications: the one running the launcher (JAVA_HOME in ./bazaar). */
    public Path javaExecutable() {
        return javaExecutable;
    }

    /**
     * A class-data-sharing archive that creates itself on first exit and is reused after: the single biggest start-up
     * gain on two cores, but {@code -XX:+AutoCreateSharedArchive} exists only from Java 19.
     */
    boolean autoCreatedArchives() {
        return Runtime.version().feature() >= 19;
    }

    /** JVM options for every application, after those topology.yaml gives it. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Extra environment of one component: what is set for every one, then its own. */
    public Map<String, String> environment(String component) {
        Map<String, String> variables = new LinkedHashMap<>(environment.getOrDefault("", Map.of()));
        variables.putAll(environment.getOrDefault(component, Map.of()));
        return variables;
    }

    /** The class path of the Kafka broker's JVM: the launcher's own, which holds kafka_2.13. */
    public String kafkaClasspath() {
        return kafkaClasspath;
    }

    public List<String> mavenCommand() {
        return mavenCommand;
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

    private List<String> withWhatTheyWaitFor(Collection<String> only) {
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

    private void validatePorts() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        ports.forEach((component, port) -> {
            boolean external = component.equals("postgres") && externalPostgres != null
                    || (component.equals("kafka") || component.equals(KAFKA_CONTROLLER)) && externalKafka != null;
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
            value(env, "BAZAAR_MAVEN").ifPresent(command -> mavenCommand(words(command)));
            return this;
        }

        public LauncherConfig build() {
            return new LauncherConfig(this);
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

        private static List<String> words(String text) {
            return List.of(text.trim().split("\\s+"));
        }
    }
}
