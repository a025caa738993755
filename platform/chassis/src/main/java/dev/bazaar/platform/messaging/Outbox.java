package dev.bazaar.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same transaction as the state change it announces. Nothing reaches Kafka
 * unless that transaction commits, and nothing committed is lost: {@link OutboxRelay} publishes it.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final MessagingProperties properties;
    private final OutboxRelay relay;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, MessagingProperties properties, OutboxRelay relay,
                  ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.relay = relay;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Appends an event to this service's topic.
     *
     * @param subject the id of the aggregate it is about; also the Kafka key, so one aggregate's events stay in order
     * @param payload the event, serialised as JSON; its class names the event's type with {@link EventType}
     * @return the event's id ({@code ce_id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String subject, Object payload) {
        String type = typeOf(payload.getClass());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into outbox (event_id, topic, event_key, event_type, occurred_at, payload, traceparent)
                values (:id, :topic, :key, :type, :at, :payload, :traceparent)""")
                .param("id", id)
                .param("topic", properties.topic())
                .param("key", subject)
                .param("type", type)
                .param("at", java.sql.Timestamp.from(now))
                .param("payload", json.writeValueAsString(payload))
                .param("traceparent", currentTraceparent().orElse(null))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return id;
    }

    /** The declared type of a payload class; publishing anything undeclared is a programming error. */
    public static String typeOf(Class<?> payload) {
        EventType type = payload.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(payload.getName() + " is not an event: annotate it @EventType(\"...\")");
        }
        return type.value();
    }

    /** The caller's trace context, kept with the event so that its consumers join the same trace. */
    private Optional<String> currentTraceparent() {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null || p == null) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        p.inject(span.context(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(CloudEventHeaders.TRACEPARENT));
    }
}
