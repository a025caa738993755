package dev.bazaar.payment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.payment.cardkey.application.CardKeys;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.bazaar.payment.cardkey.OneTimeCardKey;
import dev.bazaar.payment.cardkey.WrappedKey;
import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.application.PaymentProcessing;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static dev.bazaar.payment.Saga.APPROVED_CARD;
import static dev.bazaar.payment.Saga.DECLINED_CARD;
import static dev.bazaar.payment.Saga.INVENTORY;
import static dev.bazaar.payment.Saga.JSON;
import static dev.bazaar.payment.Saga.ORDERING;
import static dev.bazaar.payment.Saga.WAIT;
import static dev.bazaar.payment.Saga.claimOfferedKey;
import static dev.bazaar.payment.Saga.awaitEvent;
import static dev.bazaar.payment.Saga.cancelOrder;
import static dev.bazaar.payment.Saga.cancelled;
import static dev.bazaar.payment.Saga.encrypt;
import static dev.bazaar.payment.Saga.placeOrder;
import static dev.bazaar.payment.Saga.rejected;
import static dev.bazaar.payment.Saga.reserveStock;
import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class PaymentIT {

    private static final String TOPIC = Saga.PAYMENTS;

    @LocalServerPort
    int port;
    @Autowired
    CardKeys cardKeys;
    @Autowired
    PaymentProcessing processing;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry metrics;

    /** As the launcher's tools call /admin: with the operator's token. */
    private RestClient http;
    /** As operators read payments: with staff's token. */
    private RestClient staff;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
        staff = TestHttp.as(port, TestTokens.staff());
    }

    @Test
    void aShopperSeesThePaymentOfTheirOwnOrderAndAnotherShoppersIsAsUnknownAsNone() throws Exception {
        UUID order = UUID.randomUUID();
        UUID shopper = UUID.randomUUID();
        placeOrder(order, shopper, APPROVED_CARD, "9.00");
        await().atMost(WAIT).until(() -> payment(order).getStatusCode().value() == 200);

        ResponseEntity<Map<String, Object>> own = payment(TestHttp.as(port, TestTokens.shopper(shopper)), order);
        ResponseEntity<Map<String, Object>> another = payment(TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())), order);
        ResponseEntity<Map<String, Object>> none = payment(TestHttp.as(port, TestTokens.shopper(shopper)), UUID.randomUUID());

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody()).containsEntry("orderId", order.toString()).containsEntry("cardLast4", "4242");
        assertThat(another.getStatusCode().value()).isEqualTo(404);
        assertThat(another.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(another.getBody()).containsEntry("type", none.getBody().get("type")).containsEntry("title", none.getBody().get("title"))
                .containsEntry("detail", "No payment is known for order " + order);
        assertThat(jdbc.sql("select customer_id from payment where order_id = ?").param(order).query(UUID.class).single())
                .isEqualTo(shopper);
    }

    @Test
    void aPaymentOpenedBeforeCustomersWereKeptIsForStaffOnly() throws Exception {
        UUID order = UUID.randomUUID();
        UUID shopper = UUID.randomUUID();
        placeOrder(order, shopper, APPROVED_CARD, "9.00");
        await().atMost(WAIT).until(() -> payment(order).getStatusCode().value() == 200);

        jdbc.sql("update payment set customer_id = null where order_id = ?").param(order).update();

        assertThat(payment(TestHttp.as(port, TestTokens.shopper(shopper)), order).getStatusCode().value()).isEqualTo(404);
        assertThat(payment(order).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withoutATokenAPaymentIsA401Problem() {
        ResponseEntity<Map<String, Object>> anonymous = payment(TestHttp.anonymous(port), UUID.randomUUID());

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void offersAPoolOfOneTimeKeysByContractWhosePrivateHalvesRestWrappedUnderAKeyKeptElsewhere() throws Exception {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from card_key_offer").query(Long.class).single() >= 1000);
        relay.drain();

        List<ConsumerRecord<String, String>> offers = KafkaEvents.readAll(TOPIC).stream().filter(ofType("CardKeysOffered")).toList();
        assertThat(offers).isNotEmpty().allSatisfy(offer -> {
            Contracts.assertConforms("payment", "CardKeysOffered", offer.value());
            assertThat(JSON.readTree(offer.value()).get("keys")).allSatisfy(jwk -> assertThat(jwk.has("d")).as("a private part").isFalse());
        });
        List<String> wrapped = jdbc.sql("select wrapped_key from card_key_offer").query(String.class).list();
        assertThat(wrapped).allSatisfy(jwe -> assertThat(jwe).doesNotContain("\"d\"").matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_.-]+"));
        Path kek = Path.of("target/payment-keys");
        assertThat(Files.list(kek).toList()).isNotEmpty().allSatisfy(file ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
    }

    @Test
    void onceItsChargeIsSettledACardCanNoLongerBeDecryptedWithAnythingPaymentKeeps() throws Exception {
        UUID order = UUID.randomUUID();
        OctetKeyPair key = claimOfferedKey();
        String ciphertext = placeOrder(order, APPROVED_CARD, "12.00", key);
        reserveStock(order);
        awaitEvent("PaymentCaptured", order);

        assertThat(jdbc.sql("select count(*) from payment where order_id = ? and card_wrapped_key is null and encrypted_card is null")
                .param(order).query(Long.class).single()).as("the settled payment's card and key, dropped").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from card_key_offer where key_id = ?").param(key.getKeyID()).query(Long.class).single()).isZero();
        // An attacker with the database and the key-encryption keys: every card key payment still holds, tried on the card.
        List<WrappedKey> held = jdbc.sql("""
                select kek_id, wrapped_key from card_key_offer
                union all select card_kek_id, card_wrapped_key from payment where card_wrapped_key is not null""")
                .query((rs, row) -> new WrappedKey(rs.getString(1), rs.getString(2))).list();
        assertThat(held).hasSizeGreaterThan(100);
        for (WrappedKey wrapped : held) {
            assertThatThrownBy(() -> cardKeys.decrypt(key.getKeyID(), ciphertext, wrapped)).isInstanceOf(OneTimeCardKey.UnreadableCard.class);
        }
        assertThatThrownBy(() -> cardKeys.decrypt(key.getKeyID(), ciphertext, null)).isInstanceOf(OneTimeCardKey.UnreadableCard.class);
    }

    @Test
    void aKeyAlreadyTakenByAnotherOrderReadsNoCardAndThatOrderIsDeclined() throws Exception {
        OctetKeyPair key = claimOfferedKey();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        double unreadableBefore = counter("bazaar.payments.declined", "reason", "unreadable_card");
        placeOrder(first, APPROVED_CARD, "3.00", key);
        reserveStock(first);
        awaitEvent("PaymentCaptured", first);

        placeOrder(second, APPROVED_CARD, "3.00", key);
        reserveStock(second);

        assertThat(JSON.readTree(awaitEvent("PaymentDeclined", second).value()).get("reason").asString()).isEqualTo("card could not be read");
        awaitCounter("bazaar.payments.declined", unreadableBefore + 1, "reason", "unreadable_card");
    }

    @Test
    void aCardKeyThatCannotBeUnwrappedIsAFailedAttemptShownWithItsReasonAndTriedAgainNotLostInALog() throws Exception {
        UUID order = UUID.randomUUID();
        placeOrder(order, APPROVED_CARD, "4.00");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from payment where order_id = ? and card_wrapped_key is not null")
                .param(order).query(Long.class).single() == 1);
        // Wrapped under a key-encryption key this payment service does not hold (lost, or taken away by hand).
        jdbc.sql("update payment set card_kek_id = 'kek-not-here' where order_id = ?").param(order).update();

        reserveStock(order);

        // Before: the exception escaped the attempt, nothing was recorded, and the charge was claimed again every lease.
        await().atMost(WAIT).until(() -> jdbc.sql("select attempts from payment where order_id = ?").param(order)
                .query(Integer.class).single() > 0);
        assertThat(jdbc.sql("select last_error from payment where order_id = ?").param(order).query(String.class).single())
                .contains("kek-not-here");
        assertThat(payment(order).getBody()).containsEntry("status", "PENDING");

        // Nothing reached the processor: the order's cancellation voids it at once, and its card key goes with it
        // (which the rotation test, which waits for every key to be re-wrapped, needs too).
        cancelOrder(order, "the card key was lost");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from payment where order_id = ? and card_wrapped_key is null")
                .param(order).query(Long.class).single() == 1);
        assertThat(payment(order).getBody()).containsEntry("status", "VOIDED");
    }

    @Test
    void rotatingTheKeyEncryptionKeyRewrapsEverythingAndAPaymentInFlightIsStillCharged() throws Exception {
        UUID order = UUID.randomUUID();
        placeOrder(order, APPROVED_CARD, "8.00");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from payment where order_id = ? and card_wrapped_key is not null")
                .param(order).query(Long.class).single() == 1);
        String before = (String) http.get().uri("/admin/card-keys").retrieve().body(MAP).get("current");

        ResponseEntity<Map<String, Object>> rotated = http.post().uri("/admin/card-keys/rotate").retrieve().toEntity(MAP);

        assertThat(rotated.getStatusCode().value()).isEqualTo(200);
        String after = (String) rotated.getBody().get("current");
        assertThat(after).isNotEqualTo(before);
        await().atMost(WAIT).until(() -> ((Number) http.get().uri("/admin/card-keys").retrieve().body(MAP).get("toRewrap")).longValue() == 0
                && http.get().uri("/admin/card-keys").retrieve().body(MAP).get("keyEncryptionKeys").equals(List.of(after)));
        assertThat(Files.exists(Path.of("target/payment-keys", before + ".key"))).as("the retired key-encryption key's file").isFalse();
        assertThat(jdbc.sql("select count(*) from payment where card_wrapped_key is not null and card_kek_id <> ?").param(after)
                .query(Long.class).single()).isZero();

        reserveStock(order);

        awaitEvent("PaymentCaptured", order);
    }

    @Test
    void chargesAnOrderOnceItIsPlacedAndItsStockReserved() throws Exception {
        UUID order = UUID.randomUUID();
        double capturedBefore = counter("bazaar.payments.captured");
        double amountBefore = counter("bazaar.payments.captured.amount", "currency", "EUR");

        placeOrder(order, APPROVED_CARD, "79.80");
        reserveStock(order);

        ConsumerRecord<String, String> captured = awaitEvent("PaymentCaptured", order);
        Contracts.assertConforms("payment", "PaymentCaptured", captured.value());
        JsonNode event = JSON.readTree(captured.value());
        assertThat(event.get("orderId").asString()).isEqualTo(order.toString());
        assertThat(event.get("cardLast4").asString()).isEqualTo("4242");
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo("79.80");
        Map<String, Object> payment = payment(order).getBody();
        assertThat(payment).containsEntry("status", "CAPTURED").containsEntry("cardLast4", "4242")
                .containsEntry("paymentId", event.get("paymentId").asString())
                .containsEntry("amount", Map.of("amount", 79.80, "currency", "EUR"));
        assertThat(storedCiphertext(order)).as("the ciphertext is dropped once the charge is decided").isNull();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter("bazaar.payments.captured")).isEqualTo(capturedBefore + 1);
            assertThat(counter("bazaar.payments.captured.amount", "currency", "EUR")).isCloseTo(amountBefore + 79.80, within(1e-6));
        });
    }

    @Test
    void chargesAnOrderWhoseStockWasReservedBeforeItArrived() throws Exception {
        UUID order = UUID.randomUUID();

        reserveStock(order);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from stock_outcome where order_id = ?")
                .param(order).query(Integer.class).single() == 1);
        placeOrder(order, APPROVED_CARD, "12.50");

        Contracts.assertConforms("payment", "PaymentCaptured", awaitEvent("PaymentCaptured", order).value());
        assertThat(payment(order).getBody()).containsEntry("status", "CAPTURED");
    }

    @Test
    void aDeclinedCardIsAnnouncedWithItsReasonAndLastFourDigits() throws Exception {
        UUID order = UUID.randomUUID();
        double declinedBefore = counter("bazaar.payments.declined", "reason", "card_declined");

        placeOrder(order, DECLINED_CARD, "20.00");
        reserveStock(order);

        ConsumerRecord<String, String> declined = awaitEvent("PaymentDeclined", order);
        Contracts.assertConforms("payment", "PaymentDeclined", declined.value());
        JsonNode event = JSON.readTree(declined.value());
        assertThat(event.get("reason").asString()).isEqualTo("card declined");
        assertThat(event.get("cardLast4").asString()).isEqualTo("0002");
        assertThat(payment(order).getBody()).containsEntry("status", "DECLINED");
        assertThat(storedCiphertext(order)).isNull();
        awaitCounter("bazaar.payments.declined", declinedBefore + 1, "reason", "card_declined");
    }

    @Test
    void refundsACapturedPaymentWhenItsOrderIsCancelled() throws Exception {
        UUID order = UUID.randomUUID();
        double refundsBefore = counter("bazaar.refunds");
        double amountBefore = counter("bazaar.refunds.amount", "currency", "EUR");
        placeOrder(order, APPROVED_CARD, "79.80");
        reserveStock(order);
        awaitEvent("PaymentCaptured", order);

        Saga.cancelOrder(order, "shipment failed");

        ConsumerRecord<String, String> refunded = awaitEvent("PaymentRefunded", order);
        Contracts.assertConforms("payment", "PaymentRefunded", refunded.value());
        assertThat(JSON.readTree(refunded.value()).get("amount").get("amount").decimalValue()).isEqualByComparingTo("79.80");
        assertThat(payment(order).getBody()).containsEntry("status", "REFUNDED");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter("bazaar.refunds")).isEqualTo(refundsBefore + 1);
            assertThat(counter("bazaar.refunds.amount", "currency", "EUR")).isCloseTo(amountBefore + 79.80, within(1e-6));
        });
    }

    @Test
    void chargesNothingWhenTheStockIsRejected() throws Exception {
        UUID order = UUID.randomUUID();
        UUID rejectedFirst = UUID.randomUUID();

        placeOrder(order, APPROVED_CARD, "10.00");
        KafkaEvents.publish(INVENTORY, "inventory", "StockRejected", order.toString(), rejected(order));
        KafkaEvents.publish(INVENTORY, "inventory", "StockRejected", rejectedFirst.toString(), rejected(rejectedFirst));
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from stock_outcome where order_id = ?")
                .param(rejectedFirst).query(Integer.class).single() == 1);
        placeOrder(rejectedFirst, APPROVED_CARD, "10.00");

        await().atMost(WAIT).until(() -> "VOIDED".equals(payment(order).getBody().get("status")));
        await().atMost(WAIT).until(() -> "VOIDED".equals(payment(rejectedFirst).getBody().get("status")));
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(e -> e.key().equals(order.toString()) || e.key().equals(rejectedFirst.toString()));
        assertThat(storedCiphertext(order)).isNull();
    }

    @Test
    void anOrderCancelledBeforeItsChargeIsNeverCharged() throws Exception {
        UUID order = UUID.randomUUID();

        placeOrder(order, APPROVED_CARD, "10.00");
        KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(), cancelled(order, "customer changed mind"));
        await().atMost(WAIT).until(() -> "VOIDED".equals(payment(order).getBody().get("status")));
        String marker = reserveStock(order);
        awaitApplied(marker);

        relay.drain();
        assertThat(payment(order).getBody()).containsEntry("status", "VOIDED");
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(e -> e.key().equals(order.toString()));
    }

    @Test
    void aPlacementArrivingAfterItsOrdersCancellationIsNeverCharged() throws Exception {
        UUID order = UUID.randomUUID();
        String cancellation = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(),
                cancelled(order, "saga deadline passed"));
        awaitApplied(cancellation);

        placeOrder(order, APPROVED_CARD, "10.00");
        reserveStock(order);

        await().atMost(WAIT).until(() -> payment(order).getStatusCode().value() == 200
                && "VOIDED".equals(payment(order).getBody().get("status")));
        KafkaEvents.awaitReadPast(ORDERING, order.toString(), "payment", WAIT);
        relay.drain();
        assertThat(payment(order).getBody()).containsEntry("status", "VOIDED");
        assertThat(storedCiphertext(order)).isNull();
        assertThat(jdbc.sql("select count(*) from processor_movement where idempotency_key = ?")
                .param(payment(order).getBody().get("paymentId")).query(Integer.class).single()).isZero();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(e -> e.key().equals(order.toString()));
    }

    @Test
    void aRedeliveredEventHasOneEffect() throws Exception {
        UUID order = UUID.randomUUID();
        double capturedBefore = counter("bazaar.payments.captured");
        double refundsBefore = counter("bazaar.refunds");
        placeOrder(order, APPROVED_CARD, "10.00");
        reserveStock(order);
        awaitEvent("PaymentCaptured", order);
        String cancellation = UUID.randomUUID().toString();

        KafkaEvents.publish(ORDERING, cancellation, "ordering", "OrderCancelled", order.toString(), cancelled(order, "fraud"));
        KafkaEvents.publish(ORDERING, cancellation, "ordering", "OrderCancelled", order.toString(), cancelled(order, "fraud"));
        KafkaEvents.awaitReadPast(ORDERING, order.toString(), "payment", WAIT);
        awaitEvent("PaymentRefunded", order);

        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("PaymentRefunded", order.toString()))).hasSize(1);
        assertThat(jdbc.sql("select count(*) from inbox where event_id = ?").param(cancellation).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from processor_movement where idempotency_key = ? and kind = 'REFUND'")
                .param(payment(order).getBody().get("paymentId")).query(Integer.class).single()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter("bazaar.payments.captured")).isEqualTo(capturedBefore + 1);
            assertThat(counter("bazaar.refunds")).isEqualTo(refundsBefore + 1);
        });
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheNextEventIsStillApplied() throws Exception {
        UUID order = UUID.randomUUID();

        KafkaEvents.publishRaw(ORDERING, order.toString(), "{not an event");
        placeOrder(order, APPROVED_CARD, "10.00");

        await().atMost(WAIT).until(() -> payment(order).getStatusCode().value() == 200);
        ConsumerRecord<String, String> dead = KafkaEvents.await("payment.dlt", WAIT, record -> order.toString().equals(record.key()));
        assertThat(dead.value()).isEqualTo("{not an event");
        assertThat(payment(order).getBody()).containsEntry("status", "PENDING");
    }

    @Test
    void theOutboxPublishesWhatATransactionCommitsAndNothingItRollsBack() throws Exception {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            chargeDirectly(rolledBack);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> chargeDirectly(committed));

        awaitEvent("PaymentCaptured", committed);
        relay.drain();
        List<String> keys = KafkaEvents.readAll(TOPIC).stream().filter(ofType("PaymentCaptured")).map(ConsumerRecord::key).toList();
        assertThat(keys).contains(committed.toString()).doesNotContain(rolledBack.toString());
        assertThat(processing.find(rolledBack)).as("a rolled-back decision to charge leaves nothing to charge").isEmpty();
    }

    @Test
    void noPublishedEventContainsACardNumberOrItsCiphertext() throws Exception {
        UUID approved = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        String approvedCiphertext = placeOrder(approved, APPROVED_CARD, "10.00");
        String declinedCiphertext = placeOrder(declined, DECLINED_CARD, "10.00");
        reserveStock(approved);
        reserveStock(declined);
        awaitEvent("PaymentCaptured", approved);
        awaitEvent("PaymentDeclined", declined);

        relay.drain();
        for (ConsumerRecord<String, String> event : KafkaEvents.readAll(TOPIC)) {
            String everything = event.value() + event.headers();
            assertThat(everything).doesNotContain(APPROVED_CARD, DECLINED_CARD, approvedCiphertext, declinedCiphertext);
        }
        assertThat(payment(approved).getBody().toString()).doesNotContain(APPROVED_CARD);
    }

    @Test
    void answersAnUnknownOrderWithAProblem() {
        ResponseEntity<Map<String, Object>> unknown = payment(UUID.randomUUID());
        ResponseEntity<Map<String, Object>> notAnId = staff.get().uri("/api/payments/not-an-order").retrieve().toEntity(MAP);

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-payment");
        assertThat(notAnId.getStatusCode().value()).isEqualTo(404);
    }

    private void chargeDirectly(UUID order) {
        try {
            OctetKeyPair key = claimOfferedKey();
            processing.on(new PaymentProcessing.StockReserved(order));
            processing.on(new PaymentProcessing.OrderPlaced(order, UUID.randomUUID(), Money.of("5.00", "EUR"), "4242",
                    key.getKeyID(), encrypt(key, APPROVED_CARD)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event it reads is applied (or knowingly left alone) once its id is in the inbox; those before it on its partition are too. */
    private void awaitApplied(String eventId) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(eventId)
                .query(Integer.class).single() == 1);
    }

    /** A counter's count; 0 for one not made yet (an amount in a currency not seen yet). */
    private double counter(String name, String... tags) {
        Counter counter = metrics.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Counted just after the commit that a reader may already see: a test waits for the count. */
    private void awaitCounter(String name, double expected, String... tags) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(counter(name, tags)).isEqualTo(expected));
    }

    private String storedCiphertext(UUID order) {
        return jdbc.sql("select encrypted_card from payment where order_id = ?").param(order).query(String.class).optional().orElse(null);
    }

    private ResponseEntity<Map<String, Object>> payment(UUID order) {
        return payment(staff, order);
    }

    private static ResponseEntity<Map<String, Object>> payment(RestClient client, UUID order) {
        return client.get().uri("/api/payments/{orderId}", order).retrieve().toEntity(MAP);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
