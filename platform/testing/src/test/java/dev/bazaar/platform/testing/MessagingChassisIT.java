package dev.bazaar.platform.testing;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.bazaar.platform.messaging.InboxRetention;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.work.Worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The chassis' promises, on a real broker and database, through a service that is nothing but the chassis. */
@ServiceIntegrationTest
class MessagingChassisIT {

    private static final String TOPIC = "probe.events";
    private static final String DEAD_LETTERS = "probe.dlt";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ProbeApplication.Probe probe;
    @Autowired
    OutboxRelay relay;
    @Autowired
    Outbox outbox;
    @Autowired
    InboxRetention inboxRetention;
    @Autowired
    Worker probeChores;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

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
    void publishesEveryEventWhenTransactionsCommitOutOfOrder() throws Exception {
        // Positions are handed out at insert and become visible at commit: a transaction that inserts
        // first and commits last must still be published while the relay sweeps the ones after it.
        String run = fresh();
        int writers = 8;
        int eventsEach = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            done.add(pool.submit(() -> {
                for (int i = 0; i < eventsEach; i++) {
                    int n = i;
                    transactions.executeWithoutResult(status -> {
                        probe.ping(run + "-" + w + "-" + n, "race");
                        sleepQuietly((w * 7 + n * 3) % 11);
                    });
                }
            }));
        }
        for (java.util.concurrent.Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();
        relay.drain();

        long published = KafkaEvents.readAll(TOPIC).stream().filter(record -> record.key().startsWith(run)).count();
        assertThat(published).isEqualTo((long) writers * eventsEach);
    }

    @Test
    void reportsTheBacklogOfCommittedEventsAsAMetric() throws Exception {
        relay.drain();
        assertThat(backlogMetric()).isZero();
        // Holding the relays' lock keeps a committed event in the outbox for as long as the check takes.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(hashtext('bazaar.outbox'))");
            }
            probe.ping(fresh(), "waiting");
            probe.ping(fresh(), "waiting");
            assertThat(backlogMetric()).isEqualTo(2);
            blocker.rollback();
        }
        relay.drain();
        assertThat(backlogMetric()).isZero();
    }

    private double backlogMetric() {
        Map<String, Object> metric = http.get().uri("/actuator/metrics/bazaar.outbox.backlog").retrieve().body(JSON);
        List<?> measurements = (List<?>) metric.get("measurements");
        return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    void aPoisonMessageInsideABatchCostsTheEventsAroundItNothingAndAppliesNoneTwice() {
        String subject = fresh();
        // Published together, they are read as one batch: its transaction fails on the poison, and the batch is applied
        // again one event at a time, as far as the poison; it is dead-lettered and the rest is read again. A type the probe
        // does not read, passed over before the inbox, does not put the poison's place in the batch out.
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"before\"}");
        KafkaEvents.publish(TOPIC, "probe", "Ponged", subject, "{\"text\":\"not for the probe\"}");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"still before\"}");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"note\":\"no text\"}");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"after\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("after"));
        assertThat(effects(subject)).containsExactlyInAnyOrder("before", "still before", "after");
        assertThat(KafkaEvents.await(DEAD_LETTERS, Duration.ofSeconds(10), record -> subject.equals(record.key())).value())
                .contains("no text");
    }

    @Test
    void anEventThatBreaksItsContractIsDeadLetteredAtOnceAndThePartitionMovesOn() {
        String subject = fresh();
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"note\":\"no text\"}");
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"after\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("after"));
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, Duration.ofSeconds(10), record -> subject.equals(record.key()));
        assertThat(KafkaEvents.header(dead, "kafka_dlt-exception-message"))
                .hasValueSatisfying(m -> assertThat(m).contains("Pinged").contains("breaks its contract: missing text"));
    }

    @Test
    void anEventTypeTheSubscriptionDoesNotListIsPassedOverWithoutATransactionNotDeadLettered() {
        String subject = fresh();
        String ponged = KafkaEvents.publish(TOPIC, "probe", "Ponged", subject, "{\"text\":\"not for the probe\"}");
        String pinged = KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"for the probe\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("for the probe"));
        assertThat(effects(subject)).containsExactly("for the probe");
        assertThat(jdbc.sql("select event_id from inbox where event_id in (?, ?)").params(ponged, pinged).query(String.class).list())
                .as("only the event read is remembered").containsExactly(pinged);
        assertThat(KafkaEvents.readAll(DEAD_LETTERS)).noneMatch(record -> subject.equals(record.key()));
    }

    @Test
    void theOutboxRefusesAPayloadThatDoesNotNameItsEventType() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> outbox.append(fresh(), Map.of("text", "anonymous"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("annotate it @EventType");
    }

    @Test
    void aMessageFailingForAPassingReasonIsRetriedUntilItSucceedsWhileOtherPartitionsGoOn() {
        String subject = fresh();
        String elsewhere = freshOnAnotherPartitionThan(subject);
        probe.loseDatabaseFor(subject);
        KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"patient\"}");

        KafkaEvents.publish(TOPIC, "probe", "Pinged", elsewhere, "{\"text\":\"meanwhile\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> effects(elsewhere).contains("meanwhile"));
        pause(Duration.ofSeconds(2));
        assertThat(effects(subject)).isEmpty();
        probe.repair(subject);

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(subject).contains("patient"));
        assertThat(effects(subject)).containsExactly("patient");
        assertThat(KafkaEvents.readAll(DEAD_LETTERS)).noneMatch(record -> subject.equals(record.key()));
    }

    @Test
    void theInboxKeepsEventIdsForItsRetentionWindowOnly() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        jdbc.sql("insert into inbox (event_id, event_type, source, received_at) values (?, 'Pinged', '/bazaar/probe', now() - interval '8 days')")
                .param(old).update();
        jdbc.sql("insert into inbox (event_id, event_type, source) values (?, 'Pinged', '/bazaar/probe')").param(recent).update();

        assertThat(inboxRetention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select event_id from inbox where event_id in (?, ?)").params(old, recent).query(String.class).list())
                .containsExactly(recent);
    }

    @Test
    void aBackgroundLoopThatDiesMakesTheServiceNotLiveUntilItRunsAgain() {
        assertThat(liveness()).isEqualTo(HttpStatus.OK);

        probe.doomChores(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> liveness() == HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(probeChores.trouble()).startsWith("died: java.lang.InternalError");

        probe.doomChores(false);
        probeChores.stop();
        probeChores.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> liveness() == HttpStatus.OK);
    }

    private HttpStatus liveness() {
        return HttpStatus.valueOf(http.get().uri("/actuator/health/liveness").retrieve().toBodilessEntity()
                .getStatusCode().value());
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

    @Test
    void aFailedEventIsListedAsANewDeadLetterAndRedrivenOnceItsCauseIsFixedItIsAppliedOnceHereAndNotRepublished() {
        String subject = fresh();
        probe.breakFor(subject);
        String eventId = KafkaEvents.publish(TOPIC, "probe", "Pinged", subject, "{\"text\":\"late\"}");

        Map<String, Object> dead = awaitDeadLetter(subject);
        ConsumerRecord<String, String> original = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), withId(eventId));
        assertThat(dead).containsEntry("topic", TOPIC).containsEntry("key", subject).containsEntry("eventId", eventId)
                .containsEntry("eventType", "Pinged").containsEntry("status", "NEW");
        assertThat(((Number) dead.get("partition")).intValue()).isEqualTo(original.partition());
        assertThat(((Number) dead.get("offset")).longValue()).isEqualTo(original.offset());
        assertThat(Instant.parse((String) dead.get("deadAt"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(dead.get("error")).isEqualTo("java.lang.IllegalStateException: the probe is broken for " + subject);
        assertThat(effects(subject)).isEmpty();

        ResponseEntity<Map<String, Object>> tooSoon = settle(dead.get("id"), "redrive");
        assertThat(tooSoon.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tooSoon.getBody()).containsEntry("type", "https://bazaar.dev/problems/redrive-failed");
        assertThat((String) tooSoon.getBody().get("detail")).contains("still fails and stays NEW: the probe is broken for " + subject);
        assertThat(effects(subject)).isEmpty();

        probe.repair(subject);
        ResponseEntity<Map<String, Object>> redriven = settle(dead.get("id"), "redrive");

        assertThat(redriven.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(redriven.getBody()).containsEntry("status", "REDRIVEN");
        // Applied by the time the redrive answers, and not published again: the topic is its producer's.
        assertThat(effects(subject)).containsExactly("late");
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(withId(eventId)).toList()).hasSize(1);
        assertThat(http.get().uri("/admin/dead-letters/{id}", dead.get("id")).retrieve().body(JSON)).containsEntry("status", "REDRIVEN");

        ResponseEntity<Map<String, Object>> again = settle(dead.get("id"), "redrive");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).containsEntry("type", "https://bazaar.dev/problems/dead-letter-settled");
    }

    @Test
    void aDiscardedDeadLetterIsNeverRedriven() {
        String subject = fresh();
        KafkaEvents.publishRaw(TOPIC, subject, "poison to discard");
        Map<String, Object> dead = awaitDeadLetter(subject);
        assertThat(dead).containsEntry("status", "NEW").containsEntry("value", "poison to discard").containsEntry("eventId", null);
        assertThat((String) dead.get("error"))
                .startsWith("dev.bazaar.platform.messaging.MalformedEventException: Malformed event at probe.events-").contains("missing ce_");

        ResponseEntity<Map<String, Object>> discarded = settle(dead.get("id"), "discard");

        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(discarded.getBody()).containsEntry("status", "DISCARDED");
        assertThat(deadLetters("status=DISCARDED")).anySatisfy(letter -> assertThat(letter).containsEntry("key", subject));
        assertThat(deadLetters("status=NEW")).noneSatisfy(letter -> assertThat(letter).containsEntry("key", subject));
        assertThat(settle(dead.get("id"), "redrive").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(settle(dead.get("id"), "discard").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void theDeadLetterTopicReadAgainStoresNothingTwice() {
        String subject = fresh();
        KafkaEvents.publishRaw(TOPIC, subject, "poison read twice");
        awaitDeadLetter(subject);
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, Duration.ofSeconds(10), record -> subject.equals(record.key()));

        KafkaEvents.republish(dead, DEAD_LETTERS);
        // The dead-letter topic has one partition: once this later poison is stored, the copy was read.
        String behind = fresh();
        KafkaEvents.publishRaw(TOPIC, behind, "poison behind the copy");
        awaitDeadLetter(behind);

        assertThat(deadLetters("").stream().filter(letter -> subject.equals(letter.get("key")))).hasSize(1);
    }

    @Test
    void aDeadLetterTheDatabaseRefusesIsSkippedNotDeadLetteredAgain() {
        String refused = fresh();
        String next = fresh();
        KafkaEvents.publishRaw(TOPIC, refused, "PostgreSQL text holds no \u0000 character");
        KafkaEvents.publishRaw(TOPIC, next, "plain poison");

        awaitDeadLetter(next);
        assertThat(deadLetters("")).noneSatisfy(letter -> assertThat(letter).containsEntry("key", refused));
        assertThat(KafkaEvents.readAll(DEAD_LETTERS).stream().filter(record -> refused.equals(record.key()))).hasSize(1);
    }

    @Test
    void deadLettersArePagedAndAnUnknownOneIsNotFound() {
        String subject = fresh();
        KafkaEvents.publishRaw(TOPIC, subject, "poison to page");
        awaitDeadLetter(subject);

        Map<String, Object> page = http.get().uri("/admin/dead-letters?page=0&size=1").retrieve().body(JSON);
        assertThat(page).containsEntry("page", 0).containsEntry("size", 1);
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(http.get().uri("/admin/dead-letters?size=1001").retrieve().toEntity(JSON).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.get().uri("/admin/dead-letters?status=LOST").retrieve().toEntity(JSON).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        long unknown = Long.MAX_VALUE;
        ResponseEntity<Map<String, Object>> missing = http.get().uri("/admin/dead-letters/{id}", unknown).retrieve().toEntity(JSON);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-dead-letter");
        assertThat(settle(unknown, "redrive").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(settle(unknown, "discard").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ResponseEntity<Map<String, Object>> settle(Object id, String action) {
        return http.post().uri("/admin/dead-letters/{id}/{action}", id, action).retrieve().toEntity(JSON);
    }

    private Map<String, Object> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> deadLetters("").stream().filter(letter -> key.equals(letter.get("key"))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deadLetters(String query) {
        Map<String, Object> page = http.get().uri("/admin/dead-letters?size=1000&" + query).retrieve().body(JSON);
        return (List<Map<String, Object>>) page.get("items");
    }

    private static Predicate<ConsumerRecord<String, String>> withId(String eventId) {
        return record -> KafkaEvents.header(record, "ce_id").filter(eventId::equals).isPresent();
    }

    private List<String> effects(String subject) {
        return jdbc.sql("select payload from probe_effect where subject = ?").param(subject).query(String.class).list();
    }

    /** A subject whose events land on another partition than the given one's, as Kafka's default partitioner puts them. */
    private static String freshOnAnotherPartitionThan(String subject) {
        int taken = partitionOf(subject);
        String other = fresh();
        while (partitionOf(other) == taken) {
            other = fresh();
        }
        return other;
    }

    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String fresh() {
        return "probe-" + UUID.randomUUID();
    }
}
