package dev.bazaar.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a platform's parts listen, recorded at {@code up} in {@code run/platform.properties}. Later
 * commands ({@code status}, {@code restart} …) read it, so they find the platform even when run with a
 * different environment, and {@code up} refuses to start a second, differently configured one over it.
 */
record RuntimeState(String postgresHost, int postgresPort, boolean postgresExternal,
                    String kafkaBootstrapServers, boolean kafkaExternal, int kafkaControllerPort,
                    Map<String, Integer> applicationPorts) {

    RuntimeState {
        applicationPorts = Map.copyOf(applicationPorts);
    }

    static RuntimeState of(LauncherConfig config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        LauncherConfig.APPLICATIONS.forEach(app -> ports.put(app, config.port(app)));
        return new RuntimeState(
                config.externalPostgres().map(ExternalPostgres::host).orElse("127.0.0.1"),
                config.postgresPort(),
                config.externalPostgres().isPresent(),
                config.externalKafkaBootstrapServers().orElse("127.0.0.1:" + config.kafkaPort()),
                config.externalKafkaBootstrapServers().isPresent(),
                config.kafkaControllerPort(),
                ports);
    }

    int port(String application) {
        return applicationPorts.get(application);
    }

    /** The port a component is reached on: an application's, PostgreSQL's or Kafka's first broker's. */
    String address(String component) {
        switch (component) {
            case LauncherConfig.POSTGRES:
                return postgresHost + ":" + postgresPort;
            case LauncherConfig.KAFKA:
                return kafkaBootstrapServers;
            default:
                return "127.0.0.1:" + port(component);
        }
    }

    static Optional<RuntimeState> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String app : LauncherConfig.APPLICATIONS) {
                ports.put(app, Integer.parseInt(properties.getProperty("port." + app)));
            }
            return Optional.of(new RuntimeState(
                    properties.getProperty("postgres.host"),
                    Integer.parseInt(properties.getProperty("postgres.port")),
                    Boolean.parseBoolean(properties.getProperty("postgres.external")),
                    properties.getProperty("kafka.bootstrap-servers"),
                    Boolean.parseBoolean(properties.getProperty("kafka.external")),
                    Integer.parseInt(properties.getProperty("kafka.controller-port")),
                    ports));
        } catch (IOException | RuntimeException e) {
            // An unreadable record is treated as none; pid files still find the processes.
            return Optional.empty();
        }
    }

    void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("postgres.host", postgresHost);
        properties.setProperty("postgres.port", Integer.toString(postgresPort));
        properties.setProperty("postgres.external", Boolean.toString(postgresExternal));
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.setProperty("kafka.external", Boolean.toString(kafkaExternal));
        properties.setProperty("kafka.controller-port", Integer.toString(kafkaControllerPort));
        applicationPorts.forEach((app, port) -> properties.setProperty("port." + app, Integer.toString(port)));
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
        return "PostgreSQL " + address(LauncherConfig.POSTGRES) + ", Kafka " + kafkaBootstrapServers
                + ", gateway port " + port(LauncherConfig.GATEWAY);
    }
}
