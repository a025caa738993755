package dev.bazaar.platform.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A message this service gave up on, as stored from its dead-letter topic.
 *
 * @param topic     the topic it was consumed from, whose subscription a redrive applies it through
 * @param partition its partition in that topic
 * @param offset    its offset in that topic
 * @param headers   its CloudEvents attributes and trace context, as a redrive hands them to the handler
 * @param eventId   its {@code ce_id}, or null for a message that had none
 * @param error     the exception that exhausted its retries
 */
public record DeadLetter(long id, String topic, int partition, long offset, String key, String value,
                         Map<String, String> headers, String eventId, String eventType, String error, Instant deadAt,
                         Status status) {

    /** NEW until an operator redrives or discards it; either settles it for good. */
    public enum Status {
        NEW, REDRIVEN, DISCARDED
    }
}
