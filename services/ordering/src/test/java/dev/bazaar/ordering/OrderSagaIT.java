package dev.bazaar.ordering;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static dev.bazaar.ordering.Fixtures.MAP;
import static dev.bazaar.ordering.Fixtures.PATIENCE;
import static dev.bazaar.ordering.Fixtures.example;
import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The order's side of the saga, driven by the events the other contexts publish (their schemas'
 * own examples, about a real order), checked against ordering's own contracts. Each outcome moves its business metric
 * once, and a repeated fact moves none.
 */
@ServiceIntegrationTest
class OrderSagaIT {

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

    private RestClient http;
    private UUID customer;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAShopperSignsIn() {
        customer = UUID.randomUUID();
        http = Fixtures.shopper(port, customer);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "39.90");
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @Test
    void aPaidOrderIsConfirmedThenShippedThenDeliveredAndAnnouncesEachStep() {
        double confirmedBefore = counter("bazaar.orders.confirmed");
        double deliveredBefore = counter("bazaar.orders.delivered");
        double revenueBefore = counter("bazaar.revenue", "currency", "EUR");
        long completedBefore = completed("delivered");
        String order = place();

        publish("inventory", "StockReserved", order);
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");
        ConsumerRecord<String, String> confirmed = published("OrderConfirmed", order);
        assertThat(confirmed.value()).contains(customer.toString()).contains(book).contains("79.8");

        publish("fulfillment", "ShipmentShipped", order);
        publish("fulfillment", "ShipmentDelivered", order);
        Map<String, Object> delivered = awaitStatus(order, "DELIVERED");
        published("OrderShipped", order);
        published("OrderDelivered", order);

        assertThat(history(delivered)).extracting(entry -> entry.get("status"))
                .containsExactly("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(history(delivered)).allSatisfy(entry -> assertThat(entry.get("at")).isNotNull());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter("bazaar.orders.confirmed")).isEqualTo(confirmedBefore + 1);
            assertThat(counter("bazaar.orders.delivered")).isEqualTo(deliveredBefore + 1);
            assertThat(counter("bazaar.revenue", "currency", "EUR")).isCloseTo(revenueBefore + 79.80, within(1e-6));
            assertThat(completed("delivered")).isEqualTo(completedBefore + 1);
        });
    }

    @Test
    void anOrderShortOfStockIsRejectedNamingTheShortSkus() {
        double rejectedBefore = counter("bazaar.orders.rejected", "reason", "out_of_stock");
        long completedBefore = completed("rejected");
        String order = place();

        publish("inventory", "StockRejected", order);

        Map<String, Object> rejected = awaitStatus(order, "REJECTED");
        assertThat(history(rejected).get(1)).containsEntry("reason", "insufficient stock: BOOK-001");
        assertThat(published("OrderRejected", order).value()).contains("insufficient stock: BOOK-001");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter("bazaar.orders.rejected", "reason", "out_of_stock")).isEqualTo(rejectedBefore + 1);
            assertThat(completed("rejected")).isEqualTo(completedBefore + 1);
        });
    }

    @Test
    void aDeclinedPaymentCancelsTheOrder() {
        double declinedBefore = counter("bazaar.orders.cancelled", "reason", "declined");
        long completedBefore = completed("cancelled");
        String order = place();

        publish("inventory", "StockReserved", order);
        publish("payment", "PaymentDeclined", order);

        Map<String, Object> cancelled = awaitStatus(order, "CANCELLED");
        assertThat(history(cancelled).get(1)).containsEntry("reason", "payment declined");
        assertThat(published("OrderCancelled", order).value()).contains("payment declined");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter("bazaar.orders.cancelled", "reason", "declined")).isEqualTo(declinedBefore + 1);
            assertThat(completed("cancelled")).isEqualTo(completedBefore + 1);
        });
    }

    @Test
    void aFailedShipmentCancelsAConfirmedOrderWithItsReason() {
        double failedBefore = counter("bazaar.orders.cancelled", "reason", "shipment_failed");
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");

        publish("fulfillment", "ShipmentFailed", order);

        Map<String, Object> cancelled = awaitStatus(order, "CANCELLED");
        assertThat(history(cancelled).get(2)).containsEntry("reason", "carrier does not deliver to AQ");
        assertThat(published("OrderCancelled", order).value()).contains("carrier does not deliver to AQ");
        awaitCounter("bazaar.orders.cancelled", failedBefore + 1, "reason", "shipment_failed");
    }

    @Test
    void stockReleasedWhilePendingCancelsTheOrderBecauseItsReservationExpired() {
        double expiredBefore = counter("bazaar.orders.cancelled", "reason", "reservation_expired");
        String order = place();
        publish("inventory", "StockReserved", order);

        KafkaEvents.publish("inventory.events", "inventory", "StockReleased", order,
                example("inventory", "StockReleased", order).replace("order cancelled", "reservation expired"));

        Map<String, Object> cancelled = awaitStatus(order, "CANCELLED");
        assertThat(history(cancelled).get(1)).containsEntry("reason", "reservation expired");
        assertThat(published("OrderCancelled", order).value()).contains("reservation expired");
        awaitCounter("bazaar.orders.cancelled", expiredBefore + 1, "reason", "reservation_expired");
    }

    @Test
    void stockReleasedForAnOrderCancelledAlreadyIsInventoryCompensatingAndChangesNothing() {
        double declinedBefore = counter("bazaar.orders.cancelled", "reason", "declined");
        double expiredBefore = counter("bazaar.orders.cancelled", "reason", "reservation_expired");
        long completedBefore = completed("cancelled");
        String order = place();
        publish("payment", "PaymentDeclined", order);
        awaitStatus(order, "CANCELLED");

        publish("inventory", "StockReleased", order);
        awaitConsumedAfterwards("inventory", order);

        assertThat(history(get(order))).extracting(entry -> entry.get("reason")).containsExactly(null, "payment declined");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).filteredOn(ofType("OrderCancelled", order)).hasSize(1);
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
        // One order, one end: counted once, under the reason it ended for.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter("bazaar.orders.cancelled", "reason", "declined")).isEqualTo(declinedBefore + 1);
            assertThat(completed("cancelled")).isEqualTo(completedBefore + 1);
        });
        assertThat(counter("bazaar.orders.cancelled", "reason", "reservation_expired")).isEqualTo(expiredBefore);
    }

    /**
     * Paid, the order is given up through fulfillment: its answer cancels it, once however often it comes, and counts it
     * under the reason it was given up for.
     */
    @Test
    void stockReleasedAfterTheConfirmationCancelsTheOrderOnceFulfillmentStoppedTheShipment() {
        double expiredBefore = counter("bazaar.orders.cancelled", "reason", "reservation_expired");
        long completedBefore = completed("cancelled");
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");

        publish("inventory", "StockReleased", order);
        awaitStatus(order, "CANCELLING");
        assertThat(counter("bazaar.orders.cancelled", "reason", "reservation_expired")).isEqualTo(expiredBefore);
        publish("fulfillment", "ShipmentCancelled", order);
        publish("fulfillment", "ShipmentCancelled", order);
        awaitStatus(order, "CANCELLED");
        awaitConsumedAfterwards("fulfillment", order);

        assertThat(history(get(order))).extracting(entry -> entry.get("reason"))
                .containsExactly(null, null, "reservation expired", "reservation expired");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).filteredOn(ofType("OrderCancellationRequested", order)).hasSize(1);
        assertThat(KafkaEvents.readAll(TOPIC)).filteredOn(ofType("OrderCancelled", order)).hasSize(1);
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter("bazaar.orders.cancelled", "reason", "reservation_expired")).isEqualTo(expiredBefore + 1);
            assertThat(completed("cancelled")).isEqualTo(completedBefore + 1);
        });
    }

    /** Fulfillment stopping a shipment nobody asked it to stop contradicts the order: dead-lettered, nothing refunded. */
    @Test
    void aShipmentCancelledForAnOrderNotBeingCancelledIsDeadLettered() {
        String order = place();
        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");

        publish("fulfillment", "ShipmentCancelled", order);

        KafkaEvents.await(DLT, PATIENCE, ofType("ShipmentCancelled", order));
        assertThat(get(order)).containsEntry("status", "CONFIRMED");
    }

    @Test
    void aCaptureArrivingAfterTheReservationExpiredLeavesTheOrderCancelled() {
        double confirmedBefore = counter("bazaar.orders.confirmed");
        String order = place();
        publish("inventory", "StockReleased", order);
        awaitStatus(order, "CANCELLED");

        publish("payment", "PaymentCaptured", order);
        awaitConsumedAfterwards("payment", order);

        assertThat(get(order)).containsEntry("status", "CANCELLED");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("OrderConfirmed", order));
        assertThat(KafkaEvents.readAll(DLT)).noneMatch(record -> order.equals(record.key()));
        assertThat(counter("bazaar.orders.confirmed")).isEqualTo(confirmedBefore);
    }

    @Test
    void aRedeliveredEventHasOneEffect() {
        double confirmedBefore = counter("bazaar.orders.confirmed");
        String order = place();
        String eventId = UUID.randomUUID().toString();

        KafkaEvents.publish("payment.events", eventId, "payment", "PaymentCaptured", order, example("payment", "PaymentCaptured", order));
        awaitStatus(order, "CONFIRMED");
        KafkaEvents.publish("payment.events", eventId, "payment", "PaymentCaptured", order, example("payment", "PaymentCaptured", order));
        awaitConsumedAfterwards("payment", order);

        assertThat(history(get(order))).extracting(entry -> entry.get("status")).containsExactly("PENDING", "CONFIRMED");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).filteredOn(ofType("OrderConfirmed", order)).hasSize(1);
        assertThat(counter("bazaar.orders.confirmed")).isEqualTo(confirmedBefore + 1);
    }

    @Test
    void theSameFactAgainUnderANewEventIdIsCountedOnce() {
        double confirmedBefore = counter("bazaar.orders.confirmed");
        String order = place();

        publish("payment", "PaymentCaptured", order);
        awaitStatus(order, "CONFIRMED");
        publish("payment", "PaymentCaptured", order);
        awaitConsumedAfterwards("payment", order);

        assertThat(history(get(order))).extracting(entry -> entry.get("status")).containsExactly("PENDING", "CONFIRMED");
        assertThat(counter("bazaar.orders.confirmed")).isEqualTo(confirmedBefore + 1);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheNextEventOnItsKeyStillApplies() {
        String order = place();

        KafkaEvents.publishRaw("payment.events", order, "{\"this is\": not an event");
        publish("payment", "PaymentCaptured", order);

        ConsumerRecord<String, String> dead = KafkaEvents.await(DLT, PATIENCE, record -> order.equals(record.key()));
        assertThat(dead.value()).isEqualTo("{\"this is\": not an event");
        awaitStatus(order, "CONFIRMED");
    }

    @Test
    void aFactThatContradictsTheOrderIsDeadLetteredAndChangesNothing() {
        double deliveredBefore = counter("bazaar.orders.delivered");
        long completedBefore = completed("delivered");
        String order = place();

        publish("fulfillment", "ShipmentDelivered", order);

        KafkaEvents.await(DLT, PATIENCE, ofType("ShipmentDelivered", order));
        assertThat(get(order)).containsEntry("status", "PENDING");
        assertThat(history(get(order))).hasSize(1);
        assertThat(counter("bazaar.orders.delivered")).isEqualTo(deliveredBefore);
        assertThat(completed("delivered")).isEqualTo(completedBefore);
    }

    private String place() {
        Map<String, Object> placed = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Fixtures.orderRequest("4242424242424242", book, "2")).retrieve().body(MAP);
        return (String) placed.get("orderId");
    }

    private static void publish(String producer, String type, String order) {
        KafkaEvents.publish(producer + ".events", producer, type, order, example(producer, type, order));
    }

    /** The event ordering published, checked against its schema. */
    private static ConsumerRecord<String, String> published(String type, String order) {
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, PATIENCE, ofType(type, order));
        Contracts.assertConforms("ordering", type, event.value());
        assertThat(event.value()).contains(order);
        return event;
    }

    /** Waits until ordering has read everything on the producer's topic for that key so far. */
    private void awaitConsumedAfterwards(String producer, String key) {
        KafkaEvents.awaitReadPast(producer + ".events", key, "ordering", PATIENCE);
    }

    private double counter(String name, String... tags) {
        Counter counter = metrics.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Counts are taken just after the commit that a reader may already see, so a test waits for them. */
    private void awaitCounter(String name, double expected, String... tags) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(counter(name, tags)).isEqualTo(expected));
    }

    /** How many orders bazaar.orders.completion has timed to this outcome. */
    private long completed(String outcome) {
        Timer timer = metrics.find("bazaar.orders.completion").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private Map<String, Object> awaitStatus(String order, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(get(order).get("status")));
        return get(order);
    }

    private Map<String, Object> get(String order) {
        return http.get().uri("/api/orders/" + order).retrieve().body(MAP);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> order) {
        return (List<Map<String, Object>>) order.get("history");
    }
}
