package dev.bazaar.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traces;
import dev.bazaar.platform.work.Worker;
import io.micrometer.tracing.Span;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox entries to Kafka in commit order, deleting them in the transaction that takes
 * them, which commits only once the broker has acknowledged them. A crash between the send and that commit
 * publishes the entries again, so delivery is at least once and consumers deduplicate by {@code ce_id}
 * (see {@link Inbox}).
 *
 * <p>A commit wakes the relay at once; a periodic sweep covers entries left by a crash or by a
 * broker that was away. A PostgreSQL advisory lock keeps two relays of a service (a redeploy
 * overlapping the old instance) from publishing the same rows out of order.
 */
public class OutboxRelay {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private final Traces traces;
    private final Worker loop;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                       MessagingProperties properties, Traces traces) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.traces = traces;
        // Stops before the Kafka producer and the data source go away.
        this.loop = new Worker("outbox-relay", properties.relayInterval(), () -> {
            if (drain() > 0) {
                pace();
            }
            return false; // drain() itself goes on while batches come back full
        }, Duration.ofMinutes(1),
                SmartLifecycle.DEFAULT_PHASE - 100);
    }

    /** The supervised loop that drains the outbox: at every commit, and every {@code relay-interval} besides. */
    public Worker loop() {
        return loop;
    }

    void wakeUp() {
        loop.wakeUp();
    }

    /**
     * After a batch went out, lets the commits of the next moment gather (their wake-ups wait as permits) so that under
     * load a batch carries many events for one transaction and one acknowledgement, where it carried one or two (with the
     * consumers' same 50 ms pause, CPU per order fell by about a quarter at 28 orders/s: docs/performance.md). Quiet,
     * nothing waits: the first commit after a pause wakes a relay that is not pacing.
     */
    private void pace() {
        try {
            Thread.sleep(properties.relayPace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the loop sees the flag and ends
        }
    }

    /** Publishes everything committed so far; returns how many events went out. */
    public int drain() {
        int total = 0;
        int published;
        do {
            published = transactions.execute(status -> publishBatch());
            total += published;
        } while (published == BATCH);
        return total;
    }

    /** Committed events not yet acknowledged by Kafka; zero once the relay has caught up. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }

    private int publishBatch() {
        // Waits for another relay of this service (an overlapping redeploy, or drain() beside the
        // background loop) to finish its batch, so that events leave in commit order and drain()
        // returns only when everything committed before it has been published.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('bazaar.outbox'))").query(row -> { });
        // Taken and deleted in one statement; the transaction stays open until Kafka has acknowledged every event, and
        // rolls the delete back if it has not. Exactly the rows taken, not "everything up to the last position":
        // positions are handed out at insert but become visible at commit, so a row with a lower position can commit
        // while this batch is in flight, and a range delete would drop it unpublished.
        List<Entry> batch = new ArrayList<>(jdbc.sql("""
                delete from outbox where position in (select position from outbox order by position limit :batch)
                returning position, event_id, topic, event_key, event_type, occurred_at, payload, traceparent, baggage""")
                .param("batch", BATCH)
                .query(this::entry)
                .list());
        batch.sort(Comparator.comparingLong(Entry::position)); // RETURNING keeps no order
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            // A producer span from the event's commit to the broker's acknowledgement: the outbox's share of a saga's time.
            Span span = traces.tagCorrelation(traces.startChild(entry.trace(), "publish " + entry.type(), Span.Kind.PRODUCER,
                    entry.occurredAt()).tag(Traces.EVENT_TYPE_TAG, entry.type()).remoteServiceName("kafka"));
            acks.add(kafka.send(entry.toRecord(properties.service(), traces.contextOf(span)))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            span.error(failure);
                        }
                        span.end();
                    }));
        }
        try {
            // Bounded: the batch holds a pooled connection and the relays' lock while it waits.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(properties.relayTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Shutting down: keep the flag so the relay loop ends; the batch stays for the next start.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the outbox batch; it stays for the next start", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it stays for the next sweep", e);
        }
        return batch.size();
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), new TraceContext(rs.getString(8), rs.getString(9)));
    }

    private record Entry(long position, String id, String topic, String key, String type, Instant occurredAt,
                         String payload, TraceContext trace) {

        ProducerRecord<String, String> toRecord(String service, TraceContext published) {
            RecordHeaders headers = new RecordHeaders();
            header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(headers, CloudEventHeaders.ID, id);
            header(headers, CloudEventHeaders.TYPE, type);
            header(headers, CloudEventHeaders.SOURCE, "/bazaar/" + service);
            header(headers, CloudEventHeaders.TIME, occurredAt.toString());
            header(headers, CloudEventHeaders.SUBJECT, key);
            header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
            if (published.traceparent() != null) {
                header(headers, CloudEventHeaders.TRACEPARENT, published.traceparent());
            }
            if (published.baggage() != null) {
                header(headers, CloudEventHeaders.BAGGAGE, published.baggage());
            }
            return new ProducerRecord<>(topic, null, occurredAt.toEpochMilli(), key, payload, headers);
        }

        private static void header(RecordHeaders headers, String name, String value) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
