package dev.bazaar.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a platform's parts listen, recorded at {@code up} in {@code run/platform.properties}. Later commands
 * ({@code status}, {@code scale} …) read it, so they find the platform even when run with another environment,
 * and {@code up} refuses to start a differently configured platform over a running one.
 *
 * @param ports every component's first port, and {@code kafka-controller}
 */
record RuntimeState(String postgresHost, boolean postgresExternal, String kafkaBootstrapServers, boolean kafkaExternal,
                    Map<String, Integer> ports) {

    /** Instance {@code n} of a service listens this far above instance 1, so every instance has a port of its own. */
    static final int INSTANCE_PORT_STEP = 100;

    RuntimeState {
        ports = Map.copyOf(ports);
    }

    static RuntimeState of(LauncherConfig config) {
        return new RuntimeState(
                config.externalPostgres().map(ExternalPostgres::host).orElse("127.0.0.1"),
                config.externalPostgres().isPresent(),
                config.externalKafkaBootstrapServers().orElse("127.0.0.1:" + config.port("kafka")),
                config.externalKafkaBootstrapServers().isPresent(),
                config.externalPostgres().map(postgres -> with(config.ports(), "postgres", postgres.port())).orElse(config.ports()));
    }

    private static Map<String, Integer> with(Map<String, Integer> ports, String component, int port) {
        Map<String, Integer> changed = new TreeMap<>(ports);
        changed.put(component, port);
        return changed;
    }

    int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("Unknown component: " + component);
        }
        return port;
    }

    /** The port of one instance of an application, counting from 1. */
    int port(String component, int instance) {
        return port(component) + (instance - 1) * INSTANCE_PORT_STEP;
    }

    static Optional<RuntimeState> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            Map<String, Integer> ports = new TreeMap<>();
            properties.stringPropertyNames().stream().filter(key -> key.startsWith("port."))
                    .forEach(key -> ports.put(key.substring("port.".length()), Integer.parseInt(properties.getProperty(key))));
            return Optional.of(new RuntimeState(properties.getProperty("postgres.host"),
                    Boolean.parseBoolean(properties.getProperty("postgres.external")),
                    properties.getProperty("kafka.bootstrap-servers"),
                    Boolean.parseBoolean(properties.getProperty("kafka.external")), ports));
        } catch (IOException | RuntimeException e) {
            // An unreadable record is treated as none; pid files still find the processes.
            return Optional.empty();
        }
    }

    void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("postgres.host", postgresHost);
        properties.setProperty("postgres.external", Boolean.toString(postgresExternal));
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.setProperty("kafka.external", Boolean.toString(kafkaExternal));
        ports.forEach((component, port) -> properties.setProperty("port." + component, Integer.toString(port)));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Where the running Bazaar platform listens; written by the launcher at 'up'.");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** One line naming what differs, for the message that refuses a conflicting {@code up}. */
    String describe() {
        return "PostgreSQL " + postgresHost + ":" + port("postgres") + ", Kafka " + kafkaBootstrapServers
                + (ports.containsKey("gateway") ? ", gateway port " + port("gateway") : "");
    }
}
