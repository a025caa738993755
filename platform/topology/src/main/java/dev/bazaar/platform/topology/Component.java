package dev.bazaar.platform.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One component of the platform as topology.yaml declares it.
 *
 * @param name           its name, also its process name, log file name and, for a service, its package
 * @param kind           what it is
 * @param description    one line for the docs
 * @param module         the Maven module that builds an application's jar, relative to the repository root
 * @param port           where it listens (the first instance, for a service with several)
 * @param controllerPort Kafka's controller listener; 0 for everything else
 * @param database       the database a service owns, on the platform's PostgreSQL
 * @param topic          the topic a service owns and alone writes
 * @param publishes      the event types a service writes to its topic
 * @param consumes       for each topic a service reads, the event types it handles (others it skips)
 * @param routes         the gateway paths served by this component, Spring path patterns
 * @param keyedWrites    the writes a service answers once per {@code Idempotency-Key} ({@code POST /api/orders}, paths
 *                       as its OpenAPI document writes them): a repeat gets the first answer, so the gateway may send
 *                       one again, to another instance, when the connection broke before its answer
 * @param jvm            the JVM options it runs with
 * @param waitsFor       the components that must be healthy before it starts
 * @param instances      how many JVMs of it run
 * @param nice           how far its processes yield the CPU to the others (Unix {@code nice}, 0 to 19): work checkout
 *                       does not wait for yields to what it does (docs/performance.md)
 */
public record Component(String name, Kind kind, String description, String module, int port, int controllerPort,
                        String database, String topic, List<String> publishes, Map<String, List<String>> consumes,
                        List<String> routes, List<String> keyedWrites, List<String> jvm, List<String> waitsFor, int instances, int nice) {

    public Component {
        publishes = List.copyOf(publishes);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        consumes.forEach((read, types) -> ordered.put(read, List.copyOf(types)));
        consumes = Collections.unmodifiableMap(ordered);
        routes = List.copyOf(routes);
        keyedWrites = List.copyOf(keyedWrites);
        jvm = List.copyOf(jvm);
        waitsFor = List.copyOf(waitsFor);
    }

    public Optional<String> databaseName() {
        return Optional.ofNullable(database);
    }

    public Optional<String> ownedTopic() {
        return Optional.ofNullable(topic);
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /**
     * Where a service puts the messages it gives up on, by the chassis' convention ({@code <name>.dlt}); it alone
     * writes and reads it. Empty for what does not talk to Kafka.
     */
    public Optional<String> deadLetterTopic() {
        return usesKafka() ? Optional.of(name + ".dlt") : Optional.empty();
    }

    /** Whether it talks to Kafka: it owns a topic or reads one. */
    public boolean usesKafka() {
        return topic != null || !consumes.isEmpty();
    }
}
