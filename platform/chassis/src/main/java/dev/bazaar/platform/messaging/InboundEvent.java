package dev.bazaar.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event read from Kafka: its CloudEvents attributes and its JSON payload, which the consumer
 * reads into a class of its own (a tolerant reader: unknown fields are ignored).
 */
public final class InboundEvent {

    private final String id;
    private final String type;
    private final String source;
    private final String subject;
    private final Instant time;
    private final String payload;
    private final JsonMapper json;

    private InboundEvent(String id, String type, String source, String subject, Instant time, String payload, JsonMapper json) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.payload = payload;
        this.json = json;
    }

    /** @throws MalformedEventException when a required attribute or the payload is missing */
    static InboundEvent from(ConsumerRecord<String, String> record, JsonMapper json) {
        String time = header(record, CloudEventHeaders.TIME);
        try {
            return new InboundEvent(header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.TYPE),
                    header(record, CloudEventHeaders.SOURCE), optionalHeader(record, CloudEventHeaders.SUBJECT),
                    Instant.parse(time), require(record.value(), "payload", record), json);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time '" + time + "' is not an instant", record);
        }
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public Instant time() {
        return time;
    }

    public String payload() {
        return payload;
    }

    /** Reads the payload into the consumer's own view of the event. */
    public <T> T payload(Class<T> view) {
        try {
            return json.readerFor(view).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException(type + " " + id + " cannot be read as " + view.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return require(optionalHeader(record, name), name, record);
    }

    private static String optionalHeader(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String require(String value, String what, ConsumerRecord<String, String> record) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing " + what, record);
        }
        return value;
    }
}
