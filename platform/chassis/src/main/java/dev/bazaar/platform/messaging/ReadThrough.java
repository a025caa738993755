package dev.bazaar.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The moment up to which this service has applied every event published on the topics it subscribes to. A timer that
 * acts on another context's silence (inventory's reservation expiry, ordering's saga deadline) asks it first: a
 * service that was down or behind must read what was said meanwhile before it decides that nothing was. A producer
 * that is down says nothing, and so holds nobody back.
 *
 * <p>How: each call notes the time and then the topics' end offsets, and compares the consumer group's committed
 * offsets with the ends noted so far. The latest noting whose ends the group has committed past is the answer: every
 * event published before it has been applied (or dead-lettered). Under a steady stream the group never sits exactly at
 * the end, but it passes the ends noted a moment earlier, so the answer trails the clock by about the consumers' delay.
 */
public class ReadThrough implements AutoCloseable {

    /** Notings kept while the group is behind: past this the oldest go, which only makes the answer later, never earlier. */
    static final int MOST_NOTINGS = 1_000;
    private static final long TIMEOUT_SECONDS = 10;

    private final Supplier<Admin> admins;
    private final Collection<String> topics;
    private final String group;
    private final Clock clock;
    private final Notings notings = new Notings();
    private Admin admin;

    /**
     * @param admins makes the admin client when first needed, so that nothing connects at start
     * @param topics what the service subscribes to; none means it is never behind
     * @param group  its consumer group
     */
    public ReadThrough(Supplier<Admin> admins, Collection<String> topics, String group, Clock clock) {
        this.admins = admins;
        this.topics = List.copyOf(topics);
        this.group = group;
        this.clock = clock;
    }

    /**
     * Every event published on the subscribed topics before the answer has been applied here.
     *
     * @throws IllegalStateException when Kafka cannot say (the broker away): the caller's timer waits for its next round
     */
    public synchronized Instant now() {
        Instant at = clock.instant();
        if (topics.isEmpty()) {
            return at;
        }
        try {
            Admin kafka = admin();
            List<TopicPartition> partitions = new ArrayList<>();
            for (KafkaFuture<TopicDescription> described : kafka.describeTopics(topics).topicNameValues().values()) {
                try {
                    TopicDescription topic = described.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
                } catch (ExecutionException e) {
                    // A topic its producer has not made yet holds nothing to read.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return notings.note(at, ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())),
                    committed.entrySet().stream().filter(e -> e.getValue() != null)
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka cannot say how far " + group + " has read " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka how far " + group + " has read", e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }

    /** The reasoning, without Kafka: notings of the ends, and how far the group's commits have passed them. */
    static final class Notings {

        private record Noting(Instant at, Map<TopicPartition, Long> ends) {
        }

        private final Deque<Noting> kept = new ArrayDeque<>();
        private Instant readThrough = Instant.EPOCH;

        /**
         * @param ends      each partition's end offset, read after {@code at}
         * @param committed the group's committed offset per partition; a partition it never committed counts as unread
         * @return the latest noting the group has read past, or the last answer if it has read past none since
         */
        Instant note(Instant at, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
            kept.addLast(new Noting(at, Map.copyOf(ends)));
            while (kept.size() > MOST_NOTINGS) {
                kept.removeFirst();
            }
            Noting passed = null;
            for (Noting noting : kept) {
                if (noting.ends().entrySet().stream().allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
                    passed = noting;
                }
            }
            if (passed != null) {
                while (kept.peekFirst() != passed) {
                    kept.removeFirst();
                }
                readThrough = passed.at().isAfter(readThrough) ? passed.at() : readThrough;
            }
            return readThrough;
        }
    }
}
