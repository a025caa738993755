package dev.bazaar.platform.messaging;

import java.util.function.Consumer;

import dev.bazaar.platform.tracing.Traces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies each event once. The event's id is recorded in the same transaction as the handler's
 * effects (and any events the handler appends to the {@link Outbox}), so a redelivery after a crash
 * or a rebalance finds the id and changes nothing.
 *
 * <p>A handler that throws rolls everything back; the listener container retries the message a
 * bounded number of times and then dead-letters it, so one bad message never blocks its partition.
 *
 * <p>What it reads from Kafka counts towards the {@link ConsumerLag}; a redriven dead letter, old by nature, does not.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Traces traces;
    private final ConsumerLag lag;

    public Inbox(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Traces traces, ConsumerLag lag) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.lag = lag;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Applies one record now, in a transaction of its own (or the caller's), as a redrive does.
     *
     * @return true when the event was new and the handler ran, false for a duplicate
     */
    public boolean receive(ConsumerRecord<String, String> record, Consumer<InboundEvent> handler) {
        return receive(InboundEvent.from(record, json), handler);
    }

    private boolean receive(InboundEvent event, Consumer<InboundEvent> handler) {
        traces.tag(Traces.EVENT_TYPE_TAG, event.type());
        traces.tagCorrelation();
        boolean applied = Boolean.TRUE.equals(transactions.execute(status -> apply(event, handler)));
        traces.tag(Traces.OUTCOME_TAG, applied ? "applied" : "duplicate");
        return applied;
    }

    /** Applies a record the service's listener read from Kafka: as {@link #receive}, and it counts towards the lag. */
    boolean consume(ConsumerRecord<String, String> record, Consumer<InboundEvent> handler) {
        InboundEvent event = InboundEvent.from(record, json);
        lag.applied(event.time());
        return receive(event, handler);
    }

    private boolean apply(InboundEvent event, Consumer<InboundEvent> handler) {
        int recorded = jdbc.sql("""
                insert into inbox (event_id, event_type, source) values (:id, :type, :source)
                on conflict (event_id) do nothing""")
                .param("id", event.id())
                .param("type", event.type())
                .param("source", event.source())
                .update();
        if (recorded == 0) {
            return false;
        }
        handler.accept(event);
        return true;
    }
}
