package dev.bazaar.platform.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a component is, which decides how the launcher runs it and what it must declare. */
public enum Kind {
    /** The platform's PostgreSQL server: one database per service. */
    POSTGRES,
    /** The platform's Kafka broker. */
    KAFKA,
    /** A bounded context: a Spring Boot application with its own database and topic. */
    SERVICE,
    /** The API gateway: a Spring Boot application that owns no data. */
    GATEWAY,
    /** The trace backend: Zipkin's server, run from its jar (from Maven Central), spans kept in memory. */
    ZIPKIN,
    /** The operations console: a Spring Boot application that scrapes every other one's metrics and owns no data. */
    CONSOLE,
    /** The storefront: the shop's pages for people, a backend-for-frontend that calls the gateway and owns no data. */
    STOREFRONT;

    /** Whether the launcher runs it as a JVM from a jar, with a health endpoint ({@code /actuator/health}). */
    public boolean isApplication() {
        return this == SERVICE || this == GATEWAY || this == ZIPKIN || this == CONSOLE || this == STOREFRONT;
    }

    /** Whether it is built from a module of this repository (its {@code module}). */
    public boolean isBuilt() {
        return this == SERVICE || this == GATEWAY || this == CONSOLE || this == STOREFRONT;
    }

    /** As written in topology.yaml: {@code service}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Kind parse(String text, String component) {
        for (Kind kind : values()) {
            if (kind.label().equals(text)) {
                return kind;
            }
        }
        throw new TopologyException(component + ": kind must be one of "
                + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }
}
