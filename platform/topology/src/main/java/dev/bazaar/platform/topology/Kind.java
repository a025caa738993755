package dev.bazaar.platform.topology;

import java.util.Locale;

/** What a component is, which decides how the launcher runs it and what it must declare. */
public enum Kind {
    /** The platform's PostgreSQL server: one database per service. */
    POSTGRES,
    /** The platform's Kafka broker. */
    KAFKA,
    /** A bounded context: a Spring Boot application with its own database and topic. */
    SERVICE,
    /** The API gateway: a Spring Boot application that owns no data. */
    GATEWAY;

    /** Whether the launcher runs it as a Spring Boot application built from its {@code module}. */
    public boolean isApplication() {
        return this == SERVICE || this == GATEWAY;
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
        throw new TopologyException(component + ": kind must be one of postgres, kafka, service, gateway, not '" + text + "'");
    }
}
