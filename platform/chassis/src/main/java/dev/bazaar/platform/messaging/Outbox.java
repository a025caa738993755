package dev.bazaar.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.platform.ids.TimeSortedIds;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traces;
import dev.bazaar.platform.work.AfterCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
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
    private final Traces traces;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, MessagingProperties properties, OutboxRelay relay,
                  Traces traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.relay = relay;
        this.traces = traces;
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
        UUID id = TimeSortedIds.next();
        Instant now = clock.instant();
        // The caller's trace context goes with the event, so that its consumers join the same trace.
        TraceContext trace = traces.current();
        jdbc.sql("""
                insert into outbox (event_id, topic, event_key, event_type, occurred_at, payload, traceparent, baggage)
                values (:id, :topic, :key, :type, :at, :payload, :traceparent, :baggage)""")
                .param("id", id)
                .param("topic", properties.topic())
                .param("key", subject)
                .param("type", type)
                .param("at", java.sql.Timestamp.from(now))
                .param("payload", json.writeValueAsString(payload))
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .update();
        AfterCommit.run(relay::wakeUp);
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
}
