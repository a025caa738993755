package dev.bazaar.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The platform's topics as an operator reaches them: reading a topic, replaying records, moving a group's offsets. */
final class Topics {

    /** Bootstrap servers and the superuser's credentials: an operator's tools need both on this Kafka. */
    private final Map<String, Object> connection;

    Topics(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
    }

    private Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(connection);
        all.putAll(settings);
        return all;
    }

    /** Every record of a topic with this key, oldest first. */
    List<ConsumerRecord<String, String>> read(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                });
            }
            records.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /**
     * Publishes a record again under a new {@code ce_id}, as a producer replaying its history would: its consumers
     * cannot tell it from a new event by its id. Returns the new id.
     */
    String replay(ConsumerRecord<String, String> record) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> copy = new ProducerRecord<>(record.topic(), record.key(), record.value());
        for (Header header : record.headers()) {
            copy.headers().add(header.key(), header.key().equals("ce_id") ? id.getBytes(StandardCharsets.UTF_8) : header.value());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(connection, new StringSerializer(), new StringSerializer())) {
            producer.send(copy).get(10, TimeUnit.SECONDS);
            return id;
        } catch (Exception e) {
            throw new IllegalStateException("Could not replay " + record.topic() + "@" + record.offset(), e);
        }
    }

    /** Sets a stopped consumer group back to the start of these topics, so that it reads them again from the first record. */
    void rewind(String group, List<String> topics) {
        try (Admin admin = admin()) {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not rewind " + group, e);
        }
    }

    /** How many records of these topics a consumer group has yet to read. */
    long lag(String group, List<String> topics) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .mapToLong(end -> end.getValue().offset() - committed.getOrDefault(end.getKey(), new OffsetAndMetadata(0)).offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the lag of " + group, e);
        }
    }

    private Admin admin() {
        return Admin.create(connection);
    }
}
