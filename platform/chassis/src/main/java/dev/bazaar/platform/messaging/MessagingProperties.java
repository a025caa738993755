package dev.bazaar.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service publishes and consumes.
 *
 * @param service        the service's name, used as the events' {@code ce_source}
 * @param topic          the one topic this service publishes to
 * @param partitions     partitions of that topic; events of one aggregate share a partition through the key
 * @param deadLetterTopic where a message goes once its retries are used up
 * @param retries        how many times a message that failed for no known passing reason is retried before it is dead-lettered
 * @param retryInterval  the pause between those retries; also the first pause of a transient failure's retries
 * @param transientRetryInterval the longest pause between retries of a message that failed for a passing reason
 * @param transientRetryFor      how long a message that failed for a passing reason (the database away, a lock
 *                               conflict) is retried before it is dead-lettered
 * @param relayInterval  how often the outbox is swept when no commit woke the relay: for what a crash or a broker away
 *                       left in it. Every commit wakes the relay at once, so this is only a safety net, and an idle
 *                       service's sweeps (a transaction each) are most of what it asks of its database
 * @param relayPace      how long the relay pauses after publishing a batch before it takes the next, so that under load
 *                       each batch carries the events of that while (one transaction and one acknowledgement for them
 *                       all) rather than one or two; the first event after a quiet spell goes out at once
 * @param relayTimeout   how long the relay waits for Kafka to acknowledge a batch, holding a pooled connection;
 *                       what is not acknowledged by then stays in the outbox for the next sweep
 * @param inboxRetention how long the ids of applied events are kept to recognise a redelivery; an event redelivered
 *                       later is recognised by its handler instead (each is idempotent by the state it finds)
 * @param consumers      how many threads read the service's subscriptions, each with its share of the partitions: more
 *                       for a service many events go through (ordering, the saga's hub), so that its web requests do not
 *                       take all of its CPU time from them
 */
@ConfigurationProperties("bazaar.messaging")
public record MessagingProperties(
        String service,
        String topic,
        @DefaultValue("3") int partitions,
        String deadLetterTopic,
        @DefaultValue("3") int retries,
        @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("30s") Duration transientRetryInterval,
        @DefaultValue("10m") Duration transientRetryFor,
        @DefaultValue("10s") Duration relayInterval,
        @DefaultValue("50ms") Duration relayPace,
        @DefaultValue("5s") Duration relayTimeout,
        @DefaultValue("7d") Duration inboxRetention,
        @DefaultValue("1") int consumers) {
}
