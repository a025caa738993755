package dev.bazaar.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes events on the embedded broker the way another service would: CloudEvents
 * headers in binary mode, JSON payloads. For tests only.
 */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    /** Publishes an event with fresh CloudEvents attributes; returns its {@code ce_id}. */
    public static String publish(String topic, String source, String type, String subject, String json) {
        String id = UUID.randomUUID().toString();
        publish(topic, id, source, type, subject, json);
        return id;
    }

    /** Publishes an event with the given {@code ce_id}, for example a second time to test idempotence. */
    public static void publish(String topic, String id, String source, String type, String subject, String json) {
        publish(topic, id, source, type, subject, json, Instant.now());
    }

    /** Publishes an event that says it happened at {@code time} ({@code ce_time}): one that waited, say. */
    public static void publish(String topic, String id, String source, String type, String subject, String json, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_type", bytes(type));
        headers.add("ce_source", bytes("/bazaar/" + source));
        headers.add("ce_time", bytes(time.toString()));
        headers.add("ce_subject", bytes(subject));
        headers.add("content-type", bytes("application/json"));
        send(new ProducerRecord<>(topic, null, subject, json, headers));
    }

    /**
     * Publishes a marker of a type nobody reads behind whatever is on {@code topic} for {@code key}, and waits until the
     * consumer group has read past it: a partition is read in order, so everything before the marker was handled. A
     * service passes over a type it does not read without a trace in its inbox; its committed offset is what says.
     */
    public static void awaitReadPast(String topic, String key, String group, Duration timeout) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes("MarkerNobodyReads"));
        headers.add("ce_source", bytes("/bazaar/tests"));
        headers.add("ce_time", bytes(Instant.now().toString()));
        RecordMetadata marker = send(new ProducerRecord<>(topic, null, key, "{}", headers));
        TopicPartition partition = new TopicPartition(topic, marker.partition());
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers()))) {
            while (Instant.now().isBefore(deadline)) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                if (committed != null && committed.offset() > marker.offset()) {
                    return;
                }
                sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the offsets of " + group, e);
        }
        throw new AssertionError(group + " did not read past " + partition + "@" + marker.offset() + " within " + timeout);
    }

    /** Publishes a raw record with no CloudEvents attributes: what a poison message looks like. */
    public static void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Publishes a copy of a record read earlier (key, value and every header) to the given topic. */
    public static void republish(ConsumerRecord<String, String> record, String topic) {
        send(new ProducerRecord<>(topic, null, record.key(), record.value(), new RecordHeaders(record.headers().toArray())));
    }

    /** Waits until an event matching the predicate is on the topic, reading it from its start. */
    public static ConsumerRecord<String, String> await(String topic, Duration timeout,
                                                       Predicate<ConsumerRecord<String, String>> matching) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        return record;
                    }
                    seen.add(record);
                }
            }
        }
        throw new AssertionError("No matching event on " + topic + " within " + timeout + "; saw " + seen.size()
                + " others: " + seen.stream().map(KafkaEvents::describe).toList());
    }

    /** Every event on the topic now, in offset order per partition. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic, Instant.now().plusSeconds(10));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String type) {
        return record -> type.equals(header(record, "ce_type").orElse(null));
    }

    public static Predicate<ConsumerRecord<String, String>> ofType(String type, String subject) {
        return ofType(type).and(record -> subject.equals(record.key()));
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return header(record, "ce_type").orElse("?") + "(" + record.key() + ")";
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Instant deadline) {
        while (true) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (info != null && !info.isEmpty()) {
                return info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            sleep(100);
        }
    }

    private static RecordMetadata send(ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + record.topic(), e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
