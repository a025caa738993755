package dev.bazaar.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traces;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
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

    /**
     * Applies a batch of records, all in one transaction: under load the commit, the dominant cost of a small event,
     * is paid once per batch rather than once per event. Each record is a span of the trace it came with.
     *
     * <p>When one record fails, the whole transaction rolls back and the batch is applied again one record per
     * transaction, as far as the failing record; that one is then reported (by its topic, partition and offset, so
     * {@code records} may be a part of the batch polled), so the container keeps those before it, retries it (or
     * dead-letters it) alone, and reads the rest again. Every record is applied exactly as if it had come alone.
     *
     * @param handlers the handler of each record (by its topic)
     * @throws BatchListenerFailedException naming the record that failed
     */
    public void receive(List<ConsumerRecord<String, String>> records,
                        Function<ConsumerRecord<String, String>, Consumer<InboundEvent>> handlers) {
        if (records.size() > 1) {
            List<Span> spans = new ArrayList<>(records.size());
            try {
                transactions.executeWithoutResult(status -> {
                    List<InboundEvent> events = records.stream().map(record -> InboundEvent.from(record, json)).toList();
                    Set<String> fresh = recordAll(events);
                    for (int i = 0; i < records.size(); i++) {
                        ConsumerRecord<String, String> record = records.get(i);
                        InboundEvent event = events.get(i);
                        Span span = start(record);
                        spans.add(span);
                        try (var scope = traces.inScope(span)) {
                            lag.applied(event.time());
                            span.tag(Traces.EVENT_TYPE_TAG, event.type());
                            // Removed once applied: a second copy in the same batch is a duplicate too.
                            boolean applied = fresh.remove(event.id());
                            if (applied) {
                                handlers.apply(record).accept(event);
                            }
                            span.tag(Traces.OUTCOME_TAG, applied ? "applied" : "duplicate");
                        }
                    }
                });
                spans.forEach(Span::end);
                return;
            } catch (RuntimeException oneFailed) {
                spans.forEach(span -> span.tag(Traces.OUTCOME_TAG, "rolled back, applied alone").end());
            }
        }
        for (ConsumerRecord<String, String> record : records) {
            Span span = start(record);
            try (var scope = traces.inScope(span)) {
                InboundEvent event = InboundEvent.from(record, json);
                lag.applied(event.time());
                receive(event, handlers.apply(record));
            } catch (RuntimeException e) {
                span.error(e);
                String failed = record.topic() + "-" + record.partition() + "@" + record.offset() + " failed";
                throw Failures.isTransient(e) ? new PassingFailure(failed, e, record) : new BatchListenerFailedException(failed, e, record);
            } finally {
                span.end();
            }
        }
    }

    /**
     * A record of a type this service does not read, passed over: nothing to apply or remember, but it was reached,
     * and so counts towards how far behind the consumer is.
     */
    void passOver(ConsumerRecord<String, String> record) {
        String time = header(record, CloudEventHeaders.TIME);
        try {
            if (time != null) {
                lag.applied(Instant.parse(time));
            }
        } catch (DateTimeParseException e) {
            // Not this service's event, and not its business whether it is well formed.
        }
    }

    /**
     * A record of a batch that failed for a passing reason. Spring Kafka picks a failed record's retries (a few quick
     * ones, or minutes of growing pauses: see {@link MessagingAutoConfiguration}) by its failure when it first fails,
     * and picks again only when the failure's class changes; from a batch listener that class is always the one
     * naming the record, whatever the cause. A class of its own for passing causes makes it pick again when the cause
     * turns passing, as it does for a record listener: a record that first failed for another reason and then
     * because the database went away is retried for as long as the database may take, not dead-lettered after three
     * tries.
     */
    static final class PassingFailure extends BatchListenerFailedException {

        PassingFailure(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }
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

    /**
     * Records a batch's event ids in one statement rather than one each (a statement is most of a small event's cost
     * here): the ids it had not seen, which are the events to apply.
     */
    private Set<String> recordAll(List<InboundEvent> events) {
        return new HashSet<>(jdbc.sql("""
                insert into inbox (event_id, event_type, source)
                select * from unnest(cast(:ids as text[]), cast(:types as text[]), cast(:sources as text[]))
                on conflict (event_id) do nothing
                returning event_id""")
                .param("ids", events.stream().map(InboundEvent::id).toArray(String[]::new))
                .param("types", events.stream().map(InboundEvent::type).toArray(String[]::new))
                .param("sources", events.stream().map(InboundEvent::source).toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /** The record's span: a consumer span, child of the one that published it (its {@code traceparent}). */
    private Span start(ConsumerRecord<String, String> record) {
        TraceContext sent = new TraceContext(header(record, CloudEventHeaders.TRACEPARENT), header(record, CloudEventHeaders.BAGGAGE));
        return traces.tagCorrelation(traces.startChild(sent, record.topic() + " process", Span.Kind.CONSUMER, null)
                .remoteServiceName("kafka"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
