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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages this service gave up on, stored from its dead-letter topic so that an operator can
 * list them and settle each one: redrive it to the topic it came from, or discard it.
 *
 * <p>A redrive republishes the original key, value and CloudEvents headers, {@code ce_id} included.
 * The failed attempt rolled back its inbox row, so this service applies the event once; any other
 * consumer of that topic already applied it and skips it as a duplicate.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final String LISTENER_WRAPPER = " threw exception; ";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    public DeadLetters(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka, JsonMapper json,
                       Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
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
     * Republishes a NEW dead letter to its original topic and marks it REDRIVEN, once Kafka has
     * acknowledged it. If the commit fails after the send, it stays NEW and may be redriven again:
     * harmless, since consumers skip an event id they have applied.
     *
     * @throws UnknownDeadLetter when there is no such dead letter
     * @throws AlreadySettled    when it was redriven or discarded before
     */
    public DeadLetter redrive(long id) {
        return transactions.execute(status -> {
            DeadLetter letter = lockNew(id);
            RecordHeaders headers = new RecordHeaders();
            letter.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            send(new ProducerRecord<>(letter.topic(), null, letter.key(), letter.value(), headers));
            log.info("Redrove dead letter {} ({} {}) to {}", id, letter.eventType(), letter.eventId(), letter.topic());
            return settle(letter, DeadLetter.Status.REDRIVEN);
        });
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

    private void send(ProducerRecord<String, String> record) {
        try {
            kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while redriving to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the redrive to " + record.topic()
                    + "; the dead letter stays NEW", e);
        }
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

    public static class AlreadySettled extends RuntimeException {
        public AlreadySettled(DeadLetter letter) {
            super("Dead letter " + letter.id() + " is " + letter.status() + " already; only a NEW one can be redriven or discarded");
        }
    }
}
