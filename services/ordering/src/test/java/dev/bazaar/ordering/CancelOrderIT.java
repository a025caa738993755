package dev.bazaar.ordering;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static dev.bazaar.ordering.Fixtures.MAP;
import static dev.bazaar.ordering.Fixtures.PATIENCE;
import static dev.bazaar.ordering.Fixtures.example;
import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper cancels their own order until it ships: OrderCancelled goes out (so payment refunds or voids and inventory
 * releases or restocks), the list shows it at once, asking again changes nothing, and a shipped or ended order is
 * refused with why. Nobody else cancels it through this door.
 */
@ServiceIntegrationTest
class CancelOrderIT {

    private static final String TOPIC = "ordering.events";
    private static final String DLT = "ordering.dlt";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry metrics;

    private UUID customer;
    private RestClient asShopper;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAShopperSignsIn() {
        customer = UUID.randomUUID();
        asShopper = Fixtures.shopper(port, customer);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "12.50");
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @Test
    void aShopperCancelsAPendingOrderAndOrderCancelledIsPublishedWithTheReason() {
        double before = shopperCancellations();
        String order = place();

        ResponseEntity<Map<String, Object>> answer = cancel(asShopper, order, null);

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(answer.getBody()).containsEntry("orderId", order).containsEntry("status", "CANCELLED");
        assertThat(history(answer.getBody())).last().satisfies(last -> assertThat(last).containsEntry("status", "CANCELLED")
                .containsEntry("reason", "cancelled by the shopper"));
        assertThat(cancelled(order).value()).contains("\"reason\":\"cancelled by the shopper\"");
        // The customer's list changed in the same transaction: no waiting for it.
        assertThat(listedStatus(order)).isEqualTo("CANCELLED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(shopperCancellations()).isEqualTo(before + 1));
    }

    /**
     * Paid, the order may be with the carrier, or delivered while ordering has not heard so: it is cancelled, and so
     * refunded, only once fulfillment answers that it stopped the shipment.
     */
    @Test
    void aShopperCancelsAConfirmedOrderInTheirOwnWordsOnceFulfillmentStoppedItsShipment() {
        double before = shopperCancellations();
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");

        ResponseEntity<Map<String, Object>> answer = cancel(asShopper, order, "{\"reason\":\"found it cheaper\"}");

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(answer.getBody()).containsEntry("status", "CANCELLING");
        assertThat(history(answer.getBody())).extracting(entry -> entry.get("status")).containsExactly("PENDING", "CONFIRMED", "CANCELLING");
        assertThat(requested(order).value()).contains("\"reason\":\"cancelled by the shopper: found it cheaper\"");
        assertThat(listedStatus(order)).isEqualTo("CANCELLING");
        assertThat(cancellationsStored(order)).isZero();
        assertThat(cancel(asShopper, order, null).getBody()).containsEntry("status", "CANCELLING");

        publish("fulfillment", "ShipmentCancelled", order);

        Map<String, Object> now = awaitStatus(order, "CANCELLED");
        assertThat(history(now)).extracting(entry -> entry.get("status")).containsExactly("PENDING", "CONFIRMED", "CANCELLING", "CANCELLED");
        assertThat(cancelled(order).value()).contains("\"reason\":\"cancelled by the shopper: found it cheaper\"");
        assertThat(listedStatus(order)).isEqualTo("CANCELLED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(shopperCancellations()).isEqualTo(before + 1));
    }

    /** The parcel arrived before fulfillment heard of the cancellation: the order is delivered, and nothing refunded. */
    @Test
    void anOrderDeliveredBeforeItsCancellationReachedFulfillmentEndsDeliveredNotCancelled() {
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");
        assertThat(cancel(asShopper, order, null).getStatusCode().value()).isEqualTo(202);

        publish("fulfillment", "ShipmentShipped", order);
        publish("fulfillment", "ShipmentDelivered", order);

        awaitStatus(order, "DELIVERED");
        awaitConsumedAfterwards("fulfillment", order);
        assertThat(cancellationsStored(order)).isZero();
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("OrderCancelled", order));
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
        ResponseEntity<Map<String, Object>> again = cancel(asShopper, order, null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", "https://bazaar.dev/problems/order-shipped");
    }

    @Test
    void aShippedOrderIsRefusedAsShippedAndNothingIsPublished() {
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");
        publish("fulfillment", "ShipmentShipped", order);
        Map<String, Object> shipped = awaitStatus(order, "SHIPPED");

        ResponseEntity<Map<String, Object>> answer = cancel(asShopper, order, null);

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "https://bazaar.dev/problems/order-shipped")
                .containsEntry("orderStatus", "SHIPPED");
        assertThat((String) answer.getBody().get("detail")).startsWith("This order has already shipped on ")
                .contains("so it can no longer be cancelled");
        assertThat(get(order)).isEqualTo(shipped);
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("OrderCancelled", order));
    }

    @Test
    void anOrderThatEndedOtherwiseIsRefusedAsEndedWithItsReason() {
        String rejected = place();
        publish("inventory", "StockRejected", rejected);
        awaitStatus(rejected, "REJECTED");
        String declined = place();
        publish("payment", "PaymentDeclined", declined);
        awaitStatus(declined, "CANCELLED");

        ResponseEntity<Map<String, Object>> refusedRejected = cancel(asShopper, rejected, null);
        ResponseEntity<Map<String, Object>> refusedDeclined = cancel(asShopper, declined, null);

        assertThat(refusedRejected.getStatusCode().value()).isEqualTo(409);
        assertThat(refusedRejected.getBody()).containsEntry("type", "https://bazaar.dev/problems/order-ended")
                .containsEntry("orderStatus", "REJECTED").containsEntry("reason", "insufficient stock: BOOK-001");
        assertThat(refusedDeclined.getStatusCode().value()).isEqualTo(409);
        assertThat(refusedDeclined.getBody()).containsEntry("type", "https://bazaar.dev/problems/order-ended")
                .containsEntry("orderStatus", "CANCELLED").containsEntry("reason", "payment declined");
        assertThat((String) refusedDeclined.getBody().get("detail")).contains("payment declined");
        assertThat(history(get(declined))).hasSize(2);
    }

    @Test
    void cancellingTwiceAnswersTheSameAndCancelsOnce() {
        double before = shopperCancellations();
        String order = place();

        ResponseEntity<Map<String, Object>> first = cancel(asShopper, order, "{\"reason\":\"double click\"}");
        ResponseEntity<Map<String, Object>> second = cancel(asShopper, order, null);

        assertThat(second.getStatusCode().value()).isEqualTo(202);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(cancellationsStored(order)).isEqualTo(1);
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).filteredOn(ofType("OrderCancelled", order)).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(shopperCancellations()).isEqualTo(before + 1));
    }

    @Test
    void simultaneousCancellationsAppendOneCancellationAndAllAnswerIt() throws Exception {
        String order = place();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ResponseEntity<Map<String, Object>>>> answers = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> cancel(asShopper, order, null), pool)).toList();

            for (CompletableFuture<ResponseEntity<Map<String, Object>>> answer : answers) {
                assertThat(answer.get().getStatusCode().value()).isEqualTo(202);
                assertThat(answer.get().getBody()).containsEntry("status", "CANCELLED");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cancellationsStored(order)).isEqualTo(1);
    }

    @Test
    void anotherShoppersOrderIsUnknownAndStaysAsItIs() {
        String order = place();
        RestClient asSomeoneElse = Fixtures.shopper(port, UUID.randomUUID());

        ResponseEntity<Map<String, Object>> someoneElses = cancel(asSomeoneElse, order, null);
        ResponseEntity<Map<String, Object>> nobodys = cancel(asSomeoneElse, UUID.randomUUID().toString(), null);
        ResponseEntity<Map<String, Object>> notAnId = cancel(asSomeoneElse, "not-an-id", null);

        for (ResponseEntity<Map<String, Object>> hidden : List.of(someoneElses, nobodys, notAnId)) {
            assertThat(hidden.getStatusCode().value()).isEqualTo(404);
            assertThat(hidden.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-order")
                    .containsEntry("title", nobodys.getBody().get("title"));
        }
        assertThat(get(order)).containsEntry("status", "PENDING");
        assertThat(cancellationsStored(order)).isZero();
    }

    @Test
    void withoutATokenItIs401AndStaffAndTheOperatorAre403() {
        String order = place();

        ResponseEntity<Map<String, Object>> anonymous = cancel(TestHttp.anonymous(port), order, null);
        ResponseEntity<Map<String, Object>> staff = cancel(Fixtures.staff(port), order, null);
        ResponseEntity<Map<String, Object>> operator = cancel(TestHttp.as(port, TestTokens.operator()), order, null);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        for (ResponseEntity<Map<String, Object>> refused : List.of(staff, operator)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat((String) refused.getBody().get("detail")).contains("shopper");
        }
        assertThat(get(order)).containsEntry("status", "PENDING");
        assertThat(cancellationsStored(order)).isZero();
    }

    @Test
    void aReasonLongerThan200CharactersOrMalformedJsonIs400AndChangesNothing() {
        String order = place();

        ResponseEntity<Map<String, Object>> tooLong = cancel(asShopper, order, "{\"reason\":\"" + "x".repeat(201) + "\"}");
        ResponseEntity<Map<String, Object>> malformed = cancel(asShopper, order, "{\"reason\":");

        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLong.getBody()).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
        assertThat((String) tooLong.getBody().get("detail")).contains("reason");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(get(order)).containsEntry("status", "PENDING");
        assertThat(cancellationsStored(order)).isZero();
        assertThat(cancel(asShopper, order, "{\"reason\":\"" + "x".repeat(200) + "\"}").getStatusCode().value()).isEqualTo(202);
    }

    /**
     * The race: the carrier took the parcel while the shopper cancelled. The order waits for fulfillment, which recalls
     * the parcel and answers ShipmentCancelled.
     */
    @Test
    void aPickUpReportedAfterTheShoppersCancellationLeavesTheOrderToFulfillmentsAnswer() {
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");
        assertThat(cancel(asShopper, order, null).getStatusCode().value()).isEqualTo(202);

        publish("fulfillment", "ShipmentShipped", order);
        awaitConsumedAfterwards("fulfillment", order);
        assertThat(get(order)).containsEntry("status", "CANCELLING");
        publish("fulfillment", "ShipmentCancelled", order);

        awaitStatus(order, "CANCELLED");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("OrderShipped", order));
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
    }

    /** The other race: payment captured while the shopper cancelled. OrderCancelled makes payment refund it. */
    @Test
    void aCaptureReportedAfterTheShoppersCancellationLeavesTheOrderCancelled() {
        String order = place();
        assertThat(cancel(asShopper, order, null).getStatusCode().value()).isEqualTo(202);

        aLateCaptureAndRejectionLeaveItCancelled(order);
    }

    /**
     * The same race after an operator gave the order up: their cancellation stands, and the late capture or rejection is
     * not a contradiction to dead-letter (payment refunds on OrderCancelled). The operator's reason travels marked as theirs.
     */
    @Test
    void aCaptureReportedAfterStaffCancelledTheOrderLeavesItCancelled() {
        String order = place();
        ResponseEntity<Map<String, Object>> cancelled = adminCancel(Fixtures.staff(port), order, "{\"reason\":\"stuck waiting for payment\"}");
        assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
        assertThat(cancelled(order).value()).contains("\"reason\":\"cancelled by staff: stuck waiting for payment\"");

        aLateCaptureAndRejectionLeaveItCancelled(order);
    }

    /** Staff cancel on ordering's own port: shoppers and anonymous callers may not, and what cannot be cancelled is refused. */
    @Test
    void onlyStaffCancelOnTheAdminPortAndWhatCannotBeCancelledIsRefused() {
        String order = place();
        String reason = "{\"reason\":\"duplicate order\"}";

        ResponseEntity<Map<String, Object>> anonymous = adminCancel(TestHttp.anonymous(port), order, reason);
        ResponseEntity<Map<String, Object>> shopper = adminCancel(asShopper, order, reason);
        ResponseEntity<Map<String, Object>> noReason = adminCancel(Fixtures.staff(port), order, "{}");
        ResponseEntity<Map<String, Object>> unknown = adminCancel(Fixtures.staff(port), UUID.randomUUID().toString(), reason);
        assertThat(cancellationsStored(order)).isZero();
        ResponseEntity<Map<String, Object>> first = adminCancel(Fixtures.staff(port), order, reason);
        ResponseEntity<Map<String, Object>> again = adminCancel(Fixtures.staff(port), order, reason);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(shopper.getStatusCode().value()).isEqualTo(403);
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(cancellationsStored(order)).isEqualTo(1);
    }

    /** Whichever is appended first wins; the answer the shopper got agrees with the order's stream either way. */
    @Test
    void aCancellationRacingThePickUpEndsInOneOutcomeTheShopperWasToldOf() {
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");

        publish("fulfillment", "ShipmentShipped", order);
        ResponseEntity<Map<String, Object>> answer = cancel(asShopper, order, null);
        awaitConsumedAfterwards("fulfillment", order);

        Map<String, Object> now = get(order);
        if (answer.getStatusCode().value() == 202) {
            assertThat(now).containsEntry("status", "CANCELLING");
            assertThat(history(now)).extracting(entry -> entry.get("status")).containsExactly("PENDING", "CONFIRMED", "CANCELLING");
        } else {
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            assertThat(answer.getBody()).containsEntry("type", "https://bazaar.dev/problems/order-shipped");
            assertThat(now).containsEntry("status", "SHIPPED");
            assertThat(cancellationsStored(order)).isZero();
        }
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
    }

    private String place() {
        Map<String, Object> placed = asShopper.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Fixtures.orderRequest("4242424242424242", book, "1")).retrieve().body(MAP);
        return (String) placed.get("orderId");
    }

    /** No body at all when {@code body} is null, as a client that gives no reason sends it. */
    private static ResponseEntity<Map<String, Object>> cancel(RestClient as, String order, String body) {
        RestClient.RequestBodySpec request = as.post().uri("/api/orders/" + order + "/cancel");
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> adminCancel(RestClient as, String order, String body) {
        return as.post().uri("/admin/orders/" + order + "/cancel").contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    /** Payment and inventory report what crossed the cancellation: nothing is confirmed, nothing dead-lettered. */
    private void aLateCaptureAndRejectionLeaveItCancelled(String order) {
        publish("payment", "PaymentCaptured", order);
        publish("inventory", "StockRejected", order);
        awaitConsumedAfterwards("payment", order);
        awaitConsumedAfterwards("inventory", order);

        assertThat(get(order)).containsEntry("status", "CANCELLED");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("OrderConfirmed", order));
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
    }

    private static void publish(String producer, String type, String order) {
        KafkaEvents.publish(producer + ".events", producer, type, order, example(producer, type, order));
    }

    /** The OrderCancelled ordering published, checked against its schema. */
    private static ConsumerRecord<String, String> cancelled(String order) {
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, PATIENCE, ofType("OrderCancelled", order));
        Contracts.assertConforms("ordering", "OrderCancelled", event.value());
        return event;
    }

    /** The OrderCancellationRequested ordering published, checked against its schema. */
    private static ConsumerRecord<String, String> requested(String order) {
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, PATIENCE, ofType("OrderCancellationRequested", order));
        Contracts.assertConforms("ordering", "OrderCancellationRequested", event.value());
        return event;
    }

    private void awaitConsumedAfterwards(String producer, String key) {
        KafkaEvents.awaitReadPast(producer + ".events", key, "ordering", PATIENCE);
    }

    private long cancellationsStored(String order) {
        return jdbc.sql("select count(*) from order_event where order_id = :id and type = 'OrderCancelled'")
                .param("id", UUID.fromString(order)).query(Long.class).single();
    }

    private String listedStatus(String order) {
        return jdbc.sql("select status from customer_order where order_id = :id").param("id", UUID.fromString(order))
                .query(String.class).single();
    }

    private double shopperCancellations() {
        Counter counter = metrics.find("bazaar.orders.cancelled").tags("reason", "shopper").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Object> awaitStatus(String order, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(get(order).get("status")));
        return get(order);
    }

    private Map<String, Object> get(String order) {
        return asShopper.get().uri("/api/orders/" + order).retrieve().body(MAP);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> order) {
        return (List<Map<String, Object>>) order.get("history");
    }
}
