package dev.bazaar.platform.testing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.platform.messaging.OutboxRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chassis' promises, on a real broker and database, through a service that is nothing but the chassis. */
@ServiceIntegrationTest
class MessagingChassisIT {

    private static final String TOPIC = "probe.events";
    private static final String DEAD_LETTERS = "probe.dlt";

    @Autowired
    ProbeApplication.Probe probe;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void publishesACommittedEventWithItsCloudEventsAttributesAndAppliesItOnce() {
        String subject = fresh();
        probe.ping(subject, "hello");

        ConsumerRecord<String, String> published = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), KafkaEvents.ofType("Pinged", subject));
        assertThat(KafkaEvents.header(published, "ce_source")).contains("/bazaar/probe");
        assertThat(KafkaEvents.header(published, "ce_subject")).contains(subject);
        assertThat(KafkaEvents.header(published, "ce_specversion")).contains("1.0");
        assertThat(KafkaEvents.header(published, "ce_id")).isPresent();
        assertThat(KafkaEvents.header(published, "ce_time")).isPresent();
        assertThat(published.value()).isEqualTo("{\"text\":\"hello\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(subject).size() == 1);
    }

    @Test
    void publishesNothingThatATransactionRollsBack() {
        String rolledBack = fresh();
        String committed = fresh();
        transactions.executeWithoutResult(status -> {
            probe.ping(rolledBack, "never");
            status.setRollbackOnly();
        });
        probe.ping(committed, "once");
        relay.drain();

        List<String> keys = KafkaEvents.readAll(TOPIC).stream().map(ConsumerRecord::key).toList();
        assertThat(keys).contains(committed).doesNotContain(rolledBack);
    }

    @Test
    void aRedeliveredEventHasOneEffect() {
        String subject = fresh();
        String id = UUID.randomUUID().toString();
        KafkaEvents.publish(TOPIC, id, "probe", "Pinged", subject, "{\"text\":\"first\"}");
        KafkaEvents.publish(TOPIC, id, "probe", "Pinged", subject, "{\"text\":\"first\"}");
        String marker = KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"after\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(subject).contains("after"));
        assertThat(effects(subject)).containsExactlyInAnyOrder("first", "after");
        assertThat(marker).isNotEqualTo(id);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndThePartitionMovesOn() {
        String subject = fresh();
        KafkaEvents.publishRaw(TOPIC, subject, "not json and no CloudEvents headers");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"behind the poison\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("behind the poison"));
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, Duration.ofSeconds(10), record -> subject.equals(record.key()));
        assertThat(dead.value()).isEqualTo("not json and no CloudEvents headers");
        assertThat(KafkaEvents.header(dead, "kafka_dlt-exception-message")).hasValueSatisfying(m -> assertThat(m).contains("Malformed event").contains("missing ce_"));
    }

    @Test
    void aMessageThatKeepsFailingIsRetriedABoundedNumberOfTimesThenDeadLettered() {
        String subject = fresh();
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"fail\"}");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"next\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("next"));
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, Duration.ofSeconds(10), record -> subject.equals(record.key()));
        assertThat(KafkaEvents.header(dead, "kafka_dlt-exception-message")).hasValueSatisfying(m -> assertThat(m).contains("told to fail"));
        assertThat(effects(subject)).containsExactly("next");
    }

    private List<String> effects(String subject) {
        return jdbc.sql("select payload from probe_effect where subject = ?").param(subject).query(String.class).list();
    }

    private static String fresh() {
        return "probe-" + UUID.randomUUID();
    }
}
