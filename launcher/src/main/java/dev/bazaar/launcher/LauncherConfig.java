package dev.bazaar.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the launcher needs to know to bring the platform up: where the repository and the home
 * directory are, which ports to use, whether PostgreSQL and Kafka are to be started or already exist,
 * and which applications to run. Immutable; made with {@link #builder(Path)}.
 *
 * <p>Ports are the defaults ({@value #DEFAULT_GATEWAY_PORT} for the gateway, 8081–8086 for the services,
 * {@value #DEFAULT_POSTGRES_PORT} for PostgreSQL, {@value #DEFAULT_KAFKA_PORT}/{@value
 * #DEFAULT_KAFKA_CONTROLLER_PORT} for Kafka) shifted by the port offset, unless one is set explicitly,
 * in which case it is used as given.
 *
 * <p>A system test that must not clash with a developer's running platform would use:
 *
 * <pre>{@code
 * Path root = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());
 * LauncherConfig config = LauncherConfig.builder(root)
 *         .home(root.resolve("system-tests/target/bazaar"))
 *         .portOffset(10000)
 *         .stopOnExit(true)
 *         .build();
 * }</pre>
 */
public final class LauncherConfig {

    /** The six bounded contexts, each a Spring Boot application with its own database. */
    public static final List<String> SERVICES =
            List.of("catalog", "customer", "inventory", "ordering", "payment", "fulfillment");
    public static final String GATEWAY = "gateway";
    /** Every application the launcher runs as its own JVM: the services, then the gateway. */
    public static final List<String> APPLICATIONS = List.of(
            "catalog", "customer", "inventory", "ordering", "payment", "fulfillment", GATEWAY);
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    /** Everything {@link Platform#status()} reports on, in start order. */
    public static final List<String> COMPONENTS = List.of(
            POSTGRES, KAFKA, "catalog", "customer", "inventory", "ordering", "payment", "fulfillment", GATEWAY);

    public static final int DEFAULT_GATEWAY_PORT = 8080;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    static final String KAFKA_CONTROLLER = "kafka-controller";
    private static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    private final Path repoRoot;
    private final Path home;
    private final int portOffset;
    private final Map<String, Integer> ports;
    private final ExternalPostgres externalPostgres;
    private final String externalKafka;
    private final List<String> applications;
    private final boolean buildIfStale;
    private final boolean stopOnExit;
    private final Duration startTimeout;
    private final Path javaExecutable;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Map<String, Map<String, String>> componentEnvironment;
    private final String kafkaClasspath;
    private final List<String> mavenCommand;

    private LauncherConfig(Builder builder) {
        this.repoRoot = builder.repoRoot;
        this.home = builder.home == null ? repoRoot.resolve(".bazaar") : builder.home.toAbsolutePath().normalize();
        this.portOffset = builder.portOffset;
        Map<String, Integer> resolved = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((component, port) ->
                resolved.put(component, builder.explicitPorts.getOrDefault(component, port + builder.portOffset)));
        this.ports = Map.copyOf(resolved);
        this.externalPostgres = builder.externalPostgres;
        this.externalKafka = builder.externalKafka;
        this.applications = List.copyOf(builder.applications);
        this.buildIfStale = builder.buildIfStale;
        this.stopOnExit = builder.stopOnExit;
        this.startTimeout = builder.startTimeout;
        this.javaExecutable = builder.javaExecutable == null
                ? Path.of(System.getProperty("java.home"), "bin", "java") : builder.javaExecutable;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.environment = Map.copyOf(builder.environment);
        Map<String, Map<String, String>> perComponent = new LinkedHashMap<>();
        builder.componentEnvironment.forEach((component, env) -> perComponent.put(component, Map.copyOf(env)));
        this.componentEnvironment = Map.copyOf(perComponent);
        this.kafkaClasspath = builder.kafkaClasspath == null ? System.getProperty("java.class.path") : builder.kafkaClasspath;
        this.mavenCommand = builder.mavenCommand.isEmpty()
                ? List.of(repoRoot.resolve("mvnw").toString()) : List.copyOf(builder.mavenCommand);
        validatePorts();
    }

    /** A builder with every default; {@code repoRoot} is where the service jars are found. */
    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /** The configuration the {@code bazaar} command uses: the defaults overridden by {@code BAZAAR_*} variables. */
    public static LauncherConfig fromEnvironment(Path repoRoot) {
        return builder(repoRoot).fromEnvironment(System.getenv()).build();
    }

    /**
     * The repository root at or above {@code start}: the first directory holding {@code mvnw}, {@code pom.xml}
     * and {@code launcher/}.
     */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("launcher"))) {
                return dir;
            }
        }
        throw new LauncherException("No Bazaar repository at or above " + start.toAbsolutePath());
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** The home directory: data, logs, pid files and secrets of this platform. */
    public Path home() {
        return home;
    }

    public int portOffset() {
        return portOffset;
    }

    /** The port of an application ({@code catalog} … {@code gateway}), {@code postgres} or {@code kafka}. */
    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("Unknown component: " + component);
        }
        return port;
    }

    public int postgresPort() {
        return externalPostgres == null ? port(POSTGRES) : externalPostgres.port();
    }

    public int kafkaPort() {
        return port(KAFKA);
    }

    public int kafkaControllerPort() {
        return port(KAFKA_CONTROLLER);
    }

    public Optional<ExternalPostgres> externalPostgres() {
        return Optional.ofNullable(externalPostgres);
    }

    public Optional<String> externalKafkaBootstrapServers() {
        return Optional.ofNullable(externalKafka);
    }

    /** The applications to run, a subset of {@link #APPLICATIONS} in its order. */
    public List<String> applications() {
        return applications;
    }

    /** Whether {@link Platform#start} first rebuilds application jars older than their sources. */
    public boolean buildIfStale() {
        return buildIfStale;
    }

    /** Whether the JVM that called {@link Platform#start} stops the platform when it exits. */
    public boolean stopOnExit() {
        return stopOnExit;
    }

    /** How long each component may take to become healthy. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** The {@code java} that runs Kafka and the applications; by default the one running the launcher. */
    public Path javaExecutable() {
        return javaExecutable;
    }

    /** Extra JVM options for every application, after the launcher's own. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Extra environment for one component: the common extras, then its own. */
    public Map<String, String> environment(String component) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(componentEnvironment.getOrDefault(component, Map.of()));
        return env;
    }

    /** The class path of the Kafka broker JVM; by default the launcher's own, which holds kafka_2.13. */
    public String kafkaClasspath() {
        return kafkaClasspath;
    }

    /** The command that runs Maven, e.g. {@code [/repo/mvnw]}. */
    public List<String> mavenCommand() {
        return mavenCommand;
    }

    /** The application's Spring Boot jar: {@code services/<name>/target/<name>.jar}, or the gateway's. */
    public Path jar(String application) {
        requireApplication(application);
        return repoRoot.resolve(moduleDirectory(application)).resolve("target").resolve(application + ".jar");
    }

    /** The module directory of an application, relative to the repository root. */
    static String moduleDirectory(String application) {
        return GATEWAY.equals(application) ? GATEWAY : "services/" + application;
    }

    static void requireApplication(String name) {
        if (!APPLICATIONS.contains(name)) {
            throw new IllegalArgumentException("Unknown application: " + name + " (one of " + String.join(", ", APPLICATIONS) + ")");
        }
    }

    private void validatePorts() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        for (String component : DEFAULT_PORTS.keySet()) {
            if (POSTGRES.equals(component) && externalPostgres != null
                    || (KAFKA.equals(component) || KAFKA_CONTROLLER.equals(component)) && externalKafka != null) {
                continue;
            }
            int port = ports.get(component);
            if (port < 1 || port > 65535) {
                throw new LauncherException("Port of " + component + " out of range: " + port
                        + " (check BAZAAR_PORT_OFFSET=" + portOffset + ")");
            }
            String other = seen.put(port, component);
            if (other != null) {
                throw new LauncherException("Port " + port + " is given to both " + other + " and " + component);
            }
        }
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(POSTGRES, DEFAULT_POSTGRES_PORT);
        ports.put(KAFKA, DEFAULT_KAFKA_PORT);
        ports.put(KAFKA_CONTROLLER, DEFAULT_KAFKA_CONTROLLER_PORT);
        for (int i = 0; i < SERVICES.size(); i++) {
            ports.put(SERVICES.get(i), DEFAULT_GATEWAY_PORT + 1 + i);
        }
        ports.put(GATEWAY, DEFAULT_GATEWAY_PORT);
        return Map.copyOf(ports);
    }

    /** The name of the variable that overrides a component's port: {@code BAZAAR_KAFKA_CONTROLLER_PORT}. */
    static String portVariable(String component) {
        return "BAZAAR_" + component.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    /** Builds a {@link LauncherConfig}; later calls override earlier ones. */
    public static final class Builder {

        private final Path repoRoot;
        private Path home;
        private int portOffset;
        private final Map<String, Integer> explicitPorts = new LinkedHashMap<>();
        private ExternalPostgres externalPostgres;
        private String externalKafka;
        private Set<String> applications = new LinkedHashSet<>(APPLICATIONS);
        private boolean buildIfStale;
        private boolean stopOnExit;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Path javaExecutable;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> componentEnvironment = new LinkedHashMap<>();
        private String kafkaClasspath;
        private List<String> mavenCommand = List.of();

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot.toAbsolutePath().normalize();
        }

        /** Where data, logs, pid files and secrets live; default {@code <repoRoot>/.bazaar}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Added to every default port, so a second platform can run beside the first. */
        public Builder portOffset(int portOffset) {
            this.portOffset = portOffset;
            return this;
        }

        /** Sets one port exactly (the offset does not apply to it): an application, {@code postgres}, {@code kafka} or {@code kafka-controller}. */
        public Builder port(String component, int port) {
            if (!DEFAULT_PORTS.containsKey(component)) {
                throw new IllegalArgumentException("Unknown component: " + component);
            }
            explicitPorts.put(component, port);
            return this;
        }

        /** Uses this PostgreSQL instead of starting an embedded one. */
        public Builder externalPostgres(ExternalPostgres postgres) {
            this.externalPostgres = postgres;
            return this;
        }

        /** Uses this Kafka ({@code host:port,...}) instead of starting one. */
        public Builder externalKafka(String bootstrapServers) {
            this.externalKafka = bootstrapServers;
            return this;
        }

        /** Runs only these applications (PostgreSQL and Kafka always run); none means infrastructure only. */
        public Builder applications(Collection<String> names) {
            names.forEach(LauncherConfig::requireApplication);
            Set<String> ordered = new LinkedHashSet<>();
            APPLICATIONS.stream().filter(names::contains).forEach(ordered::add);
            this.applications = ordered;
            return this;
        }

        public Builder applications(String... names) {
            return applications(Arrays.asList(names));
        }

        /** Rebuilds stale application jars with Maven before starting (what {@code ./bazaar up} does). */
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

        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        /** Appends JVM options for every application. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions.addAll(options);
            return this;
        }

        /** An environment variable for every application. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** An environment variable for one application, e.g. to tune a simulated carrier in a test. */
        public Builder environment(String application, String name, String value) {
            requireApplication(application);
            componentEnvironment.computeIfAbsent(application, key -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder kafkaClasspath(String classpath) {
            this.kafkaClasspath = classpath;
            return this;
        }

        public Builder mavenCommand(List<String> command) {
            this.mavenCommand = List.copyOf(command);
            return this;
        }

        /**
         * Applies the {@code BAZAAR_*} variables of {@code env}: {@code BAZAAR_HOME}, {@code BAZAAR_PORT_OFFSET},
         * {@code BAZAAR_<COMPONENT>_PORT}, {@code BAZAAR_POSTGRES_URL}, {@code BAZAAR_KAFKA_BOOTSTRAP_SERVERS},
         * {@code BAZAAR_START_TIMEOUT} (seconds), {@code BAZAAR_JVM_OPTS} and {@code BAZAAR_MAVEN}.
         */
        public Builder fromEnvironment(Map<String, String> env) {
            value(env, "BAZAAR_HOME").ifPresent(dir -> home(repoRoot.resolve(dir)));
            value(env, "BAZAAR_PORT_OFFSET").ifPresent(offset -> portOffset(integer("BAZAAR_PORT_OFFSET", offset)));
            for (String component : DEFAULT_PORTS.keySet()) {
                String variable = portVariable(component);
                value(env, variable).ifPresent(port -> port(component, integer(variable, port)));
            }
            value(env, "BAZAAR_POSTGRES_URL").ifPresent(url -> externalPostgres(ExternalPostgres.parse(url)));
            value(env, "BAZAAR_KAFKA_BOOTSTRAP_SERVERS").ifPresent(this::externalKafka);
            value(env, "BAZAAR_START_TIMEOUT").ifPresent(seconds ->
                    startTimeout(Duration.ofSeconds(integer("BAZAAR_START_TIMEOUT", seconds))));
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
