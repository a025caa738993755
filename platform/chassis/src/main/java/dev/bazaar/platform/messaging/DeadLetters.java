package dev.bazaar.platform.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages this service gave up on, stored from its dead-letter topic so that an operator can
 * list them and settle each one: redrive it, or discard it.
 *
 * <p>A redrive applies the event here and now, through the {@link Subscription} that reads its topic
 * and the inbox, exactly as if it had just been consumed: in one transaction with marking it
 * REDRIVEN. It is not published again: the topic is its producer's, and no other service may write
 * it (or needs to: every other consumer applied the event long ago). If the event still fails, the
 * operator is told why at once and the dead letter stays NEW. Redriving an event that has been
 * overtaken by later ones is safe: every handler is correct for any order of arrival.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String LISTENER_WRAPPER = " threw exception; ";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Inbox inbox;
    private final Map<String, Subscription> subscriptions;
    private final JsonMapper json;
    private final Clock clock;

    public DeadLetters(JdbcClient jdbc, TransactionTemplate transactions, Inbox inbox, List<Subscription> subscriptions,
                       JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.inbox = inbox;
        this.subscriptions = subscriptions.stream().collect(Collectors.toMap(Subscription::topic, subscription -> subscription));
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores a record read from the dead-letter topic, under the position it had in its original topic.
     *
     * @return false when that position was stored already (the dead-letter topic was read again)
     */
    public boolean store(ConsumerRecord<String, String> dead) {
        // A record put on the dead-letter topic by hand has no original position; it is its own origin.
        String topic = Optional.ofNullable(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).orElse(dead.topic());
        byte[] partition = bytes(dead, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = bytes(dead, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return jdbc.sql("""
                insert into dead_letter (topic, partition, "offset", key, value, headers, event_id, event_type, error, dead_at)
                values (:topic, :partition, :offset, :key, :value, cast(:headers as jsonb), :eventId, :eventType, :error, :deadAt)
                on conflict (topic, partition, "offset") do nothing""")
                .param("topic", topic)
                .param("partition", partition == null ? dead.partition() : ByteBuffer.wrap(partition).getInt())
                .param("offset", offset == null ? dead.offset() : ByteBuffer.wrap(offset).getLong())
                .param("key", dead.key())
                .param("value", dead.value())
                .param("headers", json.writeValueAsString(originalHeaders(dead)))
                .param("eventId", header(dead, CloudEventHeaders.ID))
                .param("eventType", header(dead, CloudEventHeaders.TYPE))
                .param("error", error(dead))
                .param("deadAt", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** Oldest first, so that pages stay put while new dead letters arrive. */
    public Page list(DeadLetter.Status status, int page, int size) {
        String where = status == null ? "" : " where status = :status";
        Map<String, Object> params = status == null ? Map.of() : Map.of("status", status.name());
        long total = jdbc.sql("select count(*) from dead_letter" + where).params(params).query(Long.class).single();
        List<DeadLetter> items = jdbc.sql("select * from dead_letter" + where + " order by id limit :size offset :skip")
                .params(params)
                .param("size", size)
                .param("skip", (long) page * size)
                .query(this::deadLetter)
                .list();
        return new Page(items, page, size, total);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("select * from dead_letter where id = :id").param("id", id).query(this::deadLetter).optional();
    }

    /**
     * Applies a NEW dead letter through the subscription that reads its topic and marks it REDRIVEN, in one
     * transaction: either both happen or neither. An event whose id the inbox holds already is not applied twice.
     *
     * @throws UnknownDeadLetter when there is no such dead letter
     * @throws AlreadySettled    when it was redriven or discarded before
     * @throws StillFailing      when applying it fails again; it stays NEW
     */
    public DeadLetter redrive(long id) {
        return transactions.execute(status -> {
            DeadLetter letter = lockNew(id);
            Subscription subscription = subscriptions.get(letter.topic());
            if (subscription == null) {
                throw new StillFailing(letter, "this service no longer reads " + letter.topic());
            }
            RecordHeaders headers = new RecordHeaders();
            letter.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            var record = new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, letter.key(), letter.value(),
                    headers, Optional.empty());
            boolean applied;
            try {
                applied = inbox.receive(record, subscription::handle);
            } catch (RuntimeException e) {
                throw new StillFailing(letter, rootMessage(e));
            }
            log.info("Redrove dead letter {} ({} {} from {}): {}", id, letter.eventType(), letter.eventId(), letter.topic(),
                    applied ? "applied" : "it had been applied already");
            return settle(letter, DeadLetter.Status.REDRIVEN);
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Marks a NEW dead letter DISCARDED: an operator decided it must never be applied.
     *
     * @throws UnknownDeadLetter when there is no such dead letter
     * @throws AlreadySettled    when it was redriven or discarded before
     */
    public DeadLetter discard(long id) {
        return transactions.execute(status -> {
            DeadLetter letter = lockNew(id);
            log.info("Discarded dead letter {} ({} {}) from {}", id, letter.eventType(), letter.eventId(), letter.topic());
            return settle(letter, DeadLetter.Status.DISCARDED);
        });
    }

    /** Locks the row, so that two concurrent redrives cannot both publish. */
    private DeadLetter lockNew(long id) {
        DeadLetter letter = jdbc.sql("select * from dead_letter where id = :id for update").param("id", id)
                .query(this::deadLetter).optional()
                .orElseThrow(() -> new UnknownDeadLetter(id));
        if (letter.status() != DeadLetter.Status.NEW) {
            throw new AlreadySettled(letter);
        }
        return letter;
    }

    private DeadLetter settle(DeadLetter letter, DeadLetter.Status status) {
        jdbc.sql("update dead_letter set status = :status where id = :id").param("status", status.name())
                .param("id", letter.id()).update();
        return new DeadLetter(letter.id(), letter.topic(), letter.partition(), letter.offset(), letter.key(), letter.value(),
                letter.headers(), letter.eventId(), letter.eventType(), letter.error(), letter.deadAt(), status);
    }

    private DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        Map<String, String> headers = json.readerForMapOf(String.class).readValue(rs.getString("headers"));
        return new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("partition"), rs.getLong("offset"),
                rs.getString("key"), rs.getString("value"), headers, rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("error"), rs.getTimestamp("dead_at").toInstant(), DeadLetter.Status.valueOf(rs.getString("status")));
    }

    /** The headers the producer set; the kafka_dlt-* ones describe the failure and are stored apart. */
    private static Map<String, String> originalHeaders(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : record.headers()) {
            String name = header.key();
            if (name.startsWith("ce_") || name.equals(CloudEventHeaders.CONTENT_TYPE) || name.equals(CloudEventHeaders.TRACEPARENT)
                    || name.equals("tracestate")) {
                headers.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** The exception that exhausted the retries: the listener's own cause rather than Spring's wrapper of it. */
    private static String error(ConsumerRecord<String, String> record) {
        String type = Optional.ofNullable(header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .orElse(header(record, KafkaHeaders.DLT_EXCEPTION_FQCN));
        String message = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        // Spring prefixes the cause's message with "Listener method '<signature>' threw exception; ": noise to an operator.
        int wrapper = message == null ? -1 : message.indexOf(LISTENER_WRAPPER);
        if (wrapper >= 0 && message.startsWith("Listener method ")) {
            message = message.substring(wrapper + LISTENER_WRAPPER.length());
        }
        if (type == null) {
            return message;
        }
        return message == null ? type : type + ": " + message;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        byte[] value = bytes(record, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    public record Page(List<DeadLetter> items, int page, int size, long total) {
    }

    public static class UnknownDeadLetter extends RuntimeException {
        public UnknownDeadLetter(long id) {
            super("There is no dead letter " + id);
        }
    }

    /** A redrive that failed again: the dead letter stays NEW, to be redriven once the cause is fixed, or discarded. */
    public static class StillFailing extends RuntimeException {
        public StillFailing(DeadLetter letter, String reason) {
            super("Dead letter " + letter.id() + " (" + letter.eventType() + " from " + letter.topic() + ") still fails and stays NEW: "
                    + reason);
        }
    }

    public static class AlreadySettled extends RuntimeException {
        public AlreadySettled(DeadLetter letter) {
            super("Dead letter " + letter.id() + " is " + letter.status() + " already; only a NEW one can be redriven or discarded");
        }
    }
}
