package dev.bazaar.audit;

import java.time.Instant;

/**
 * A record a service could not consume and set aside, as its {@code GET /admin/dead-letters} lists it.
 *
 * @param service   the service that dead-lettered it
 * @param id        its id at that service, for redriving and discarding it
 * @param topic     the topic it was consumed from
 * @param partition its partition
 * @param offset    its offset
 * @param key       its Kafka key (the aggregate id), or null
 * @param eventId   its {@code ce_id}, or null when it had none
 * @param eventType its {@code ce_type}, or null when it had none
 * @param error     why it could not be consumed
 * @param deadAt    when it was set aside, or null if the service did not say
 * @param status    {@code NEW}, {@code REDRIVEN} or {@code DISCARDED}
 */
public record DeadLetter(String service, String id, String topic, int partition, long offset, String key, String eventId,
                         String eventType, String error, Instant deadAt, String status) {

    public static final String NEW = "NEW";

    /** Whether it still waits for someone to redrive or discard it. */
    public boolean isNew() {
        return NEW.equals(status);
    }

    /** {@code ordering.events[0]@42}: where it came from. */
    public String origin() {
        return topic + "[" + partition + "]@" + offset;
    }
}
