package dev.bazaar.fulfillment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
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
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = {
        "fulfillment.carrier.ship-after=200ms",
        "fulfillment.carrier.deliver-after=200ms",
        "fulfillment.carrier.poll-interval=50ms"})
class FulfillmentIT {

    private static final String TOPIC = "fulfillment.events";
    private static final String ORDERING = "ordering.events";
    private static final String CUSTOMER = "customer.events";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Shipping shipping;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry metrics;

    /** The operator's tools: /admin with the operator's token. */
    private RestClient http;
    /** Staff, who see every shipment. */
    private RestClient staff;

    @BeforeEach
    void clients() {
        http = TestHttp.client(port);
        staff = TestHttp.as(port, TestTokens.staff());
    }

    @Test
    void schedulesShipsAndDeliversAConfirmedOrderToTheCustomersAddress() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);

        confirm(order, customer);

        ConsumerRecord<String, String> scheduled = awaitEvent("ShipmentScheduled", order);
        ConsumerRecord<String, String> shipped = awaitEvent("ShipmentShipped", order);
        ConsumerRecord<String, String> delivered = awaitEvent("ShipmentDelivered", order);
        Contracts.assertConforms("fulfillment", "ShipmentScheduled", scheduled.value());
        Contracts.assertConforms("fulfillment", "ShipmentShipped", shipped.value());
        Contracts.assertConforms("fulfillment", "ShipmentDelivered", delivered.value());
        assertThat(JSON.readTree(scheduled.value()).get("address").get("city").asString()).isEqualTo("Lyon");
        String trackingNumber = JSON.readTree(shipped.value()).get("trackingNumber").asString();
        Map<String, Object> shipment = shipment(order).getBody();
        assertThat(shipment).containsEntry("status", "DELIVERED").containsEntry("trackingNumber", trackingNumber)
                .containsEntry("orderId", order.toString())
                .containsEntry("shipmentId", JSON.readTree(delivered.value()).get("shipmentId").asString())
                .containsEntry("address", Map.of("line1", "12 Market Street", "city", "Lyon", "postalCode", "69002", "country", "FR"));
    }

    @Test
    void theCarrierRefusesAntarcticaAndTheShipmentFails() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        double failedBefore = counter("bazaar.shipments.failed");
        register(customer, "AQ");
        awaitAddressKnown(customer);

        confirm(order, customer);

        ConsumerRecord<String, String> failed = awaitEvent("ShipmentFailed", order);
        Contracts.assertConforms("fulfillment", "ShipmentFailed", failed.value());
        assertThat(JSON.readTree(failed.value()).get("reason").asString()).isEqualTo("carrier does not deliver to AQ");
        assertThat(shipment(order).getBody()).containsEntry("status", "FAILED");
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("ShipmentShipped", order.toString()));
        assertThat(allShipments("&status=FAILED")).filteredOn(listed -> order.toString().equals(listed.get("orderId"))).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("status", "FAILED").containsEntry("trackingNumber", null)
                        .containsEntry("reason", "carrier does not deliver to AQ")
                        .containsEntry("shipmentId", JSON.readTree(failed.value()).get("shipmentId").asString()));
        awaitCounter("bazaar.shipments.failed", failedBefore + 1);
    }

    @Test
    void listsEveryShipmentWithItsStatusAndTrackingNumberForTheAudit() {
        UUID delivered = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        scheduleDirectly(delivered);
        shipping.on(new Shipping.OrderConfirmed(waiting, UUID.randomUUID()));
        await().atMost(WAIT).until(() -> "DELIVERED".equals(shipment(delivered).getBody().get("status")));

        List<Map<String, Object>> all = allShipments("");

        Map<String, Object> deliveredView = all.stream().filter(s -> delivered.toString().equals(s.get("orderId"))).findFirst().orElseThrow();
        assertThat(deliveredView).containsEntry("status", "DELIVERED")
                .containsEntry("trackingNumber", shipment(delivered).getBody().get("trackingNumber"))
                .containsEntry("shipmentId", shipment(delivered).getBody().get("shipmentId"));
        assertThat((String) deliveredView.get("trackingNumber")).matches("BZ\\d{9}");
        assertThat(all).filteredOn(listed -> waiting.toString().equals(listed.get("orderId"))).singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("status", "WAITING_FOR_ADDRESS").containsEntry("trackingNumber", null));
        assertThat(all).extracting(s -> s.get("shipmentId")).doesNotHaveDuplicates();
        assertThat(allShipments("&status=waiting_for_address")).extracting(s -> s.get("status")).containsOnly("WAITING_FOR_ADDRESS");

        Map<String, Object> first = adminPage("/admin/shipments?page=0&size=1");
        Map<String, Object> second = adminPage("/admin/shipments?page=1&size=1");
        assertThat(first).containsEntry("page", 0).containsEntry("size", 1);
        assertThat(((Number) first.get("total")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(items(first)).hasSize(1).doesNotContainAnyElementsOf(items(second));
    }

    @Test
    void answersAnInvalidAdminPageWithAProblemNamingTheParameter() {
        Map.of("/admin/shipments?size=0", "size", "/admin/shipments?size=1001", "size",
                "/admin/shipments?page=-1", "page", "/admin/shipments?status=LOST", "status").forEach((uri, parameter) -> {
            ResponseEntity<Map<String, Object>> response = http.get().uri(uri).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(uri).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) response.getBody().get("detail")).as(uri).contains(parameter);
        });
    }

    @Test
    void aShipmentWaitsForAnAddressThatArrivesAfterTheOrder() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();

        confirm(order, customer);
        await().atMost(WAIT).until(() -> shipment(order).getStatusCode().value() == 200);
        assertThat(shipment(order).getBody()).containsEntry("status", "WAITING_FOR_ADDRESS").containsEntry("address", null);
        register(customer, "FR");

        ConsumerRecord<String, String> scheduled = awaitEvent("ShipmentScheduled", order);
        Contracts.assertConforms("fulfillment", "ShipmentScheduled", scheduled.value());
        assertThat(JSON.readTree(scheduled.value()).get("address").get("postalCode").asString()).isEqualTo("69002");
        awaitEvent("ShipmentDelivered", order);
    }

    @Test
    void shipsToTheAddressTheCustomerChangedTo() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        String changed = """
                {"customerId":"%s","address":{"line1":"1 Rue de la Paix","city":"Paris","postalCode":"75002","country":"FR"}}"""
                .formatted(customer);
        Contracts.assertConforms("customer", "CustomerAddressChanged", changed);
        KafkaEvents.publish(CUSTOMER, "customer", "CustomerAddressChanged", customer.toString(), changed);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from customer_address where customer_id = ? and city = 'Paris'")
                .param(customer).query(Integer.class).single() == 1);

        confirm(order, customer);

        assertThat(JSON.readTree(awaitEvent("ShipmentScheduled", order).value()).get("address").get("city").asString())
                .isEqualTo("Paris");
    }

    @Test
    void theCustomersDeliveryInstructionsLandOnTheShipmentForTheCarrier() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);
        scheduleFor(before, customer);
        awaitEvent("ShipmentScheduled", before);
        changeInstructions(customer, "Leave it with the concierge, building B", 2);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from customer_delivery_instructions where customer_id = ?")
                .param(customer).query(Integer.class).single() == 1);

        confirm(order, customer);

        awaitEvent("ShipmentScheduled", order);
        Map<String, Object> own = shipment(TestHttp.as(port, TestTokens.shopper(customer)), order).getBody();
        assertThat(own).containsEntry("deliveryInstructions", "Leave it with the concierge, building B");
        assertThat(shipment(before).getBody()).as("scheduled before they came").containsEntry("deliveryInstructions", null);
    }

    @Test
    void clearedOrOlderDeliveryInstructionsAreNotPutOnTheNextShipment() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);
        changeInstructions(customer, "Ring twice", 3);
        changeInstructions(customer, "", 4);
        String late = changeInstructions(customer, "Ring three times", 2);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(late)
                .query(Integer.class).single() == 1);

        confirm(order, customer);

        awaitEvent("ShipmentScheduled", order);
        assertThat(shipment(order).getBody()).containsEntry("deliveryInstructions", null);
    }

    @Test
    void aShipmentWaitingForItsAddressTakesTheInstructionsThatCameBeforeIt() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        confirm(order, customer);
        await().atMost(WAIT).until(() -> shipment(order).getStatusCode().value() == 200);
        changeInstructions(customer, "Back door", 2);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from customer_delivery_instructions where customer_id = ?")
                .param(customer).query(Integer.class).single() == 1);

        register(customer, "FR");

        awaitEvent("ShipmentScheduled", order);
        assertThat(shipment(order).getBody()).containsEntry("deliveryInstructions", "Back door");
    }

    @Test
    void aCancelledOrderIsNeverShipped() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        double cancelledBefore = counter("bazaar.shipments.cancelled");
        confirm(order, customer);
        await().atMost(WAIT).until(() -> shipment(order).getStatusCode().value() == 200);

        KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(),
                "{\"orderId\":\"" + order + "\",\"reason\":\"customer changed mind\"}");
        await().atMost(WAIT).until(() -> "CANCELLED".equals(shipment(order).getBody().get("status")));
        register(customer, "FR");
        awaitAddressKnown(customer);

        relay.drain();
        assertThat(shipment(order).getBody()).containsEntry("status", "CANCELLED");
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(event -> event.key().equals(order.toString()));
        awaitCounter("bazaar.shipments.cancelled", cancelledBefore + 1);
    }

    /** A cancellation that crossed the pick-up: the carrier has the parcel, and brings it back instead of delivering it. */
    @Test
    void aShipmentOnItsWayIsRecalledWhenItsOrderIsCancelled() {
        UUID order = UUID.randomUUID();
        scheduleDirectly(order);
        // Taken by the carrier, its delivery far off, so the test sees it on its way.
        jdbc.sql("update shipment set status = 'SHIPPED', tracking_number = 'BZ-RECALL', next_step_at = now() + interval '1 day' "
                + "where order_id = ?").param(order).update();

        KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(),
                "{\"orderId\":\"" + order + "\",\"reason\":\"cancelled by the shopper\"}");

        await().atMost(WAIT).until(() -> "CANCELLED".equals(shipment(order).getBody().get("status")));
        assertThat(shipment(order).getBody()).containsEntry("reason", "recalled, order cancelled: cancelled by the shopper")
                .containsEntry("trackingNumber", "BZ-RECALL");
        assertThat(jdbc.sql("select next_step_at is null from shipment where order_id = ?").param(order).query(Boolean.class).single())
                .isTrue();
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("ShipmentDelivered", order.toString()));
    }

    @Test
    void aRequestToCancelAScheduledShipmentCancelsItAndSaysSo() {
        UUID order = UUID.randomUUID();
        scheduleFarAhead(order);
        String shipmentId = (String) shipment(order).getBody().get("shipmentId");
        double cancelledBefore = counter("bazaar.shipments.cancelled");

        requestCancellation(order, "cancelled by the shopper");

        ConsumerRecord<String, String> cancelled = awaitEvent("ShipmentCancelled", order);
        Contracts.assertConforms("fulfillment", "ShipmentCancelled", cancelled.value());
        JsonNode answer = JSON.readTree(cancelled.value());
        assertThat(answer.get("shipmentId").asString()).isEqualTo(shipmentId);
        assertThat(answer.get("reason").asString()).isEqualTo("order cancelled: cancelled by the shopper");
        assertThat(shipment(order).getBody()).containsEntry("status", "CANCELLED")
                .containsEntry("reason", "order cancelled: cancelled by the shopper");
        awaitCounter("bazaar.shipments.cancelled", cancelledBefore + 1);
    }

    /** The request crossed the pick-up: the parcel comes back, and only then is the order refunded. */
    @Test
    void aRequestToCancelAShipmentOnItsWayRecallsItAndSaysSo() {
        UUID order = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            scheduleDirectly(order);
            // Taken by the carrier, its delivery far off, before the carrier's rounds could see it due.
            jdbc.sql("update shipment set status = 'SHIPPED', tracking_number = 'BZ-RECALL', next_step_at = now() + interval '1 day' "
                    + "where order_id = ?").param(order).update();
        });

        requestCancellation(order, "deadline passed");

        ConsumerRecord<String, String> cancelled = awaitEvent("ShipmentCancelled", order);
        Contracts.assertConforms("fulfillment", "ShipmentCancelled", cancelled.value());
        assertThat(JSON.readTree(cancelled.value()).get("reason").asString()).isEqualTo("recalled, order cancelled: deadline passed");
        assertThat(JSON.readTree(cancelled.value()).get("shipmentId").asString()).isEqualTo(shipment(order).getBody().get("shipmentId"));
        assertThat(shipment(order).getBody()).containsEntry("status", "CANCELLED").containsEntry("trackingNumber", "BZ-RECALL");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("ShipmentDelivered", order.toString()));
    }

    /** Too late: ShipmentDelivered went out, and ordering keeps the order delivered on it; there is nothing to answer. */
    @Test
    void aRequestToCancelADeliveredShipmentIsNotAnswered() {
        UUID order = UUID.randomUUID();
        scheduleDirectly(order);
        awaitEvent("ShipmentDelivered", order);

        String request = requestCancellation(order, "cancelled by staff: duplicate order");
        awaitHandled(request);

        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("ShipmentCancelled", order.toString()));
        assertThat(shipment(order).getBody()).containsEntry("status", "DELIVERED").containsEntry("reason", null);
    }

    /** Its confirmation has not reached fulfillment: nothing to stop, and nothing is shipped when the confirmation comes. */
    @Test
    void aRequestToCancelAnOrderWithoutAShipmentIsAnsweredAndItsLateConfirmationShipsNothing() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);

        requestCancellation(order, "reservation expired");

        ConsumerRecord<String, String> cancelled = awaitEvent("ShipmentCancelled", order);
        Contracts.assertConforms("fulfillment", "ShipmentCancelled", cancelled.value());
        JsonNode answer = JSON.readTree(cancelled.value());
        assertThat(answer.has("shipmentId")).as("no shipment, no id: %s", cancelled.value()).isFalse();
        assertThat(answer.get("reason").asString()).isEqualTo("reservation expired");
        String late = KafkaEvents.publish(ORDERING, "ordering", "OrderConfirmed", order.toString(), confirmed(order, customer));
        awaitHandled(late);
        relay.drain();
        assertThat(shipment(order).getStatusCode().value()).isEqualTo(404);
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(ofType("ShipmentScheduled", order.toString()));
    }

    /** Asked twice (a redrive, or ordering asking again): answered each time, cancelled and counted once. */
    @Test
    void aRequestToCancelMadeTwiceIsAnsweredTwiceAndCancelsOnce() {
        UUID order = UUID.randomUUID();
        scheduleFarAhead(order);
        double cancelledBefore = counter("bazaar.shipments.cancelled");

        String first = requestCancellation(order, "cancelled by the shopper");
        awaitHandled(first);
        String second = requestCancellation(order, "deadline passed");
        awaitHandled(second);

        relay.drain();
        List<JsonNode> answers = KafkaEvents.readAll(TOPIC).stream().filter(ofType("ShipmentCancelled", order.toString()))
                .map(record -> JSON.readTree(record.value())).toList();
        assertThat(answers).hasSize(2).allSatisfy(answer -> {
            assertThat(answer.get("shipmentId").asString()).isEqualTo(shipment(order).getBody().get("shipmentId"));
            assertThat(answer.get("reason").asString()).as("the reason it was cancelled for").isEqualTo("order cancelled: cancelled by the shopper");
        });
        assertThat(shipment(order).getBody()).containsEntry("status", "CANCELLED")
                .containsEntry("reason", "order cancelled: cancelled by the shopper");
        awaitCounter("bazaar.shipments.cancelled", cancelledBefore + 1);
        assertThat(counter("bazaar.shipments.cancelled")).isEqualTo(cancelledBefore + 1);
    }

    @Test
    void aConfirmationArrivingAfterItsOrdersCancellationShipsNothing() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);

        String cancelled = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(),
                "{\"orderId\":\"" + order + "\",\"reason\":\"reservation expired\"}");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(cancelled)
                .query(Integer.class).single() == 1);
        String late = KafkaEvents.publish(ORDERING, "ordering", "OrderConfirmed", order.toString(), confirmed(order, customer));
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(late)
                .query(Integer.class).single() == 1);

        relay.drain();
        assertThat(shipment(order).getStatusCode().value()).isEqualTo(404);
        assertThat(KafkaEvents.readAll(TOPIC)).noneMatch(event -> event.key().equals(order.toString()));
    }

    /**
     * A confirmation redriven from the dead letters runs beside the live stream, in a transaction of its own: the
     * order's cancellation may come while it is not yet committed.
     */
    @Test
    void aCancellationThatCrossesAConfirmationNotYetCommittedStillCancelsItsShipment() throws Exception {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        shipping.on(new Shipping.CustomerAddressKnown(customer, new Address("12 Market Street", "Lyon", "69002", "FR"), 1L));
        CountDownLatch confirmedUncommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> confirmation = threads.submit(() -> transactions.executeWithoutResult(status -> {
                shipping.on(new Shipping.OrderConfirmed(order, customer));
                confirmedUncommitted.countDown();
                waitFor(commit);
            }));
            assertThat(confirmedUncommitted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> cancellation = threads.submit(() -> shipping.on(new Shipping.OrderCancelled(order, "deadline passed")));
            // Before: the cancellation saw no shipment, recorded itself and was done at once.
            Thread.sleep(1000);
            assertThat(cancellation.isDone()).as("the cancellation waits for the confirmation").isFalse();
            commit.countDown();
            confirmation.get(10, TimeUnit.SECONDS);
            cancellation.get(10, TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            threads.shutdownNow();
        }

        assertThat(jdbc.sql("select status from shipment where order_id = :order").param("order", order).query(String.class).single())
                .isEqualTo("CANCELLED");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAddressOlderThanTheOneKnownIsNotApplied() {
        UUID customer = UUID.randomUUID();
        String newer = """
                {"customerId":"%s","address":{"line1":"1 Rue de la Paix","city":"Paris","postalCode":"75002","country":"FR"},"version":3}"""
                .formatted(customer);
        String older = """
                {"customerId":"%s","address":{"line1":"9 Quai Rambaud","city":"Lyon","postalCode":"69002","country":"FR"},"version":2}"""
                .formatted(customer);
        Contracts.assertConforms("customer", "CustomerAddressChanged", newer);
        Contracts.assertConforms("customer", "CustomerAddressChanged", older);

        KafkaEvents.publish(CUSTOMER, "customer", "CustomerAddressChanged", customer.toString(), newer);
        String late = KafkaEvents.publish(CUSTOMER, "customer", "CustomerAddressChanged", customer.toString(), older);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(late)
                .query(Integer.class).single() == 1);

        assertThat(jdbc.sql("select city from customer_address where customer_id = ?").param(customer).query(String.class).single())
                .isEqualTo("Paris");
    }

    @Test
    void aRedeliveredConfirmationMakesOneShipment() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        register(customer, "FR");
        awaitAddressKnown(customer);
        String id = UUID.randomUUID().toString();
        double scheduledBefore = counter("bazaar.shipments.scheduled");

        KafkaEvents.publish(ORDERING, id, "ordering", "OrderConfirmed", order.toString(), confirmed(order, customer));
        KafkaEvents.publish(ORDERING, id, "ordering", "OrderConfirmed", order.toString(), confirmed(order, customer));
        KafkaEvents.awaitReadPast(ORDERING, order.toString(), "fulfillment", WAIT);
        awaitEvent("ShipmentDelivered", order);

        relay.drain();
        List<ConsumerRecord<String, String>> events = KafkaEvents.readAll(TOPIC).stream()
                .filter(event -> event.key().equals(order.toString())).toList();
        assertThat(events).filteredOn(ofType("ShipmentScheduled")).hasSize(1);
        assertThat(events).filteredOn(ofType("ShipmentShipped")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from shipment where order_id = ?").param(order).query(Integer.class).single()).isEqualTo(1);
        assertThat(counter("bazaar.shipments.scheduled")).isEqualTo(scheduledBefore + 1);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheNextEventIsStillApplied() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();

        KafkaEvents.publishRaw(ORDERING, order.toString(), "{poison");
        confirm(order, customer);

        await().atMost(WAIT).until(() -> shipment(order).getStatusCode().value() == 200);
        ConsumerRecord<String, String> dead = KafkaEvents.await("fulfillment.dlt", WAIT, record -> order.toString().equals(record.key()));
        assertThat(dead.value()).isEqualTo("{poison");
    }

    @Test
    void theOutboxPublishesWhatATransactionCommitsAndNothingItRollsBack() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        double scheduledBefore = counter("bazaar.shipments.scheduled");
        transactions.executeWithoutResult(status -> {
            scheduleDirectly(rolledBack);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> scheduleDirectly(committed));
        relay.drain();

        List<String> keys = KafkaEvents.readAll(TOPIC).stream().filter(ofType("ShipmentScheduled")).map(ConsumerRecord::key).toList();
        assertThat(keys).contains(committed.toString()).doesNotContain(rolledBack.toString());
        assertThat(shipping.find(rolledBack)).isEmpty();
        assertThat(counter("bazaar.shipments.scheduled")).as("what rolled back is not counted").isEqualTo(scheduledBefore + 1);
    }

    @Test
    void carrierRoundsRunningSideBySideShipAndDeliverEachShipmentOnce() throws Exception {
        // Earlier tests' shipments are delivered first, so that the counts below move for these orders alone.
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from shipment where status in ('SCHEDULED', 'SHIPPED')")
                .query(Integer.class).single() == 0);
        double shippedBefore = counter("bazaar.shipments.shipped");
        double deliveredBefore = counter("bazaar.shipments.delivered");
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID order = UUID.randomUUID();
            scheduleDirectly(order);
            orders.add(order);
        }
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                rounds.add(instances.submit(() -> {
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                    while (System.nanoTime() < end) {
                        shipping.advanceCarrier(3);
                    }
                }));
            }
            for (Future<?> round : rounds) {
                round.get(10, TimeUnit.SECONDS);
            }
        } finally {
            instances.shutdownNow();
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(order -> "DELIVERED".equals(shipment(order).getBody().get("status"))));

        relay.drain();
        Map<String, Long> shippedPerOrder = KafkaEvents.readAll(TOPIC).stream().filter(ofType("ShipmentShipped"))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        Map<String, Long> deliveredPerOrder = KafkaEvents.readAll(TOPIC).stream().filter(ofType("ShipmentDelivered"))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        orders.forEach(order -> {
            assertThat(shippedPerOrder).containsEntry(order.toString(), 1L);
            assertThat(deliveredPerOrder).containsEntry(order.toString(), 1L);
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter("bazaar.shipments.shipped")).isEqualTo(shippedBefore + orders.size());
            assertThat(counter("bazaar.shipments.delivered")).isEqualTo(deliveredBefore + orders.size());
        });
    }

    private double counter(String name) {
        return metrics.get(name).counter().count();
    }

    /** Counted just after the commit that a reader may already see: a test waits for the count. */
    private void awaitCounter(String name, double expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(counter(name)).isEqualTo(expected));
    }

    @Test
    void answersAnUnknownOrderWithAProblem() {
        ResponseEntity<Map<String, Object>> unknown = shipment(UUID.randomUUID());
        ResponseEntity<Map<String, Object>> notAnId = staff.get().uri("/api/shipments/not-an-order").retrieve().toEntity(MAP);

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-shipment");
        assertThat(notAnId.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aShopperSeesTheShipmentOfTheirOwnOrderAndAnotherShoppersIsUnknown() {
        UUID ada = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        shipping.on(new Shipping.OrderConfirmed(order, ada));

        ResponseEntity<Map<String, Object>> own = shipment(TestHttp.as(port, TestTokens.shopper(ada)), order);
        ResponseEntity<Map<String, Object>> byStaff = shipment(order);
        ResponseEntity<Map<String, Object>> byBob = shipment(TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())), order);
        ResponseEntity<Map<String, Object>> unknown = shipment(TestHttp.as(port, TestTokens.shopper(ada)), UUID.randomUUID());

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody()).containsEntry("orderId", order.toString()).containsEntry("status", "WAITING_FOR_ADDRESS");
        assertThat(byStaff.getStatusCode().value()).isEqualTo(200);
        assertThat(byStaff.getBody()).isEqualTo(own.getBody());
        assertThat(byBob.getStatusCode().value()).isEqualTo(404);
        assertThat(byBob.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(byBob.getBody()).containsEntry("type", unknown.getBody().get("type")).containsEntry("title", unknown.getBody().get("title"))
                .containsEntry("detail", "No shipment is known for order " + order);
    }

    @Test
    void withoutATokenNoShipmentIsShown() {
        UUID order = UUID.randomUUID();
        shipping.on(new Shipping.OrderConfirmed(order, UUID.randomUUID()));

        ResponseEntity<Map<String, Object>> refused = shipment(TestHttp.anonymous(port), order);

        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).doesNotContainKey("orderId");
    }

    /** Every shipment on /admin/shipments, read page by page as the audit does. */
    private List<Map<String, Object>> allShipments(String filter) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> body = adminPage("/admin/shipments?size=1000&page=" + page + filter);
            all.addAll(items(body));
            if (all.size() >= ((Number) body.get("total")).longValue() || items(body).isEmpty()) {
                return all;
            }
        }
    }

    private Map<String, Object> adminPage(String uri) {
        ResponseEntity<Map<String, Object>> response = http.get().uri(uri).retrieve().toEntity(MAP);
        assertThat(response.getStatusCode().value()).as(uri).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private void scheduleDirectly(UUID order) {
        UUID customer = UUID.randomUUID();
        shipping.on(new Shipping.CustomerAddressKnown(customer, new Address("12 Market Street", "Lyon", "69002", "FR"), 1L));
        shipping.on(new Shipping.OrderConfirmed(order, customer));
    }

    /** A scheduled shipment whose pick-up is a day off, set before the carrier's rounds could see it due. */
    private void scheduleFarAhead(UUID order) {
        transactions.executeWithoutResult(status -> {
            scheduleDirectly(order);
            jdbc.sql("update shipment set next_step_at = now() + interval '1 day' where order_id = ?").param(order).update();
        });
        assertThat(shipment(order).getBody()).containsEntry("status", "SCHEDULED");
    }

    /** @return the event's id */
    private static String requestCancellation(UUID order, String reason) {
        String json = "{\"orderId\":\"" + order + "\",\"reason\":\"" + reason + "\"}";
        Contracts.assertConforms("ordering", "OrderCancellationRequested", json);
        return KafkaEvents.publish(ORDERING, "ordering", "OrderCancellationRequested", order.toString(), json);
    }

    /** Waits until fulfillment has handled the event (its id is in the inbox). */
    private void awaitHandled(String eventId) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from inbox where event_id = ?").param(eventId)
                .query(Integer.class).single() == 1);
    }

    private static void register(UUID customer, String country) {
        String json = """
                {"customerId":"%s","email":"%s@example.com","name":"Ada Lovelace",\
                "address":{"line1":"12 Market Street","city":"Lyon","postalCode":"69002","country":"%s"}}"""
                .formatted(customer, customer, country);
        Contracts.assertConforms("customer", "CustomerRegistered", json);
        KafkaEvents.publish(CUSTOMER, "customer", "CustomerRegistered", customer.toString(), json);
    }

    /** @return the event's id */
    private static String changeInstructions(UUID customer, String instructions, long version) {
        String json = """
                {"customerId":"%s","deliveryInstructions":"%s","version":%d}""".formatted(customer, instructions, version);
        Contracts.assertConforms("customer", "CustomerPreferencesChanged", json);
        return KafkaEvents.publish(CUSTOMER, "customer", "CustomerPreferencesChanged", customer.toString(), json);
    }

    private void scheduleFor(UUID order, UUID customer) {
        shipping.on(new Shipping.OrderConfirmed(order, customer));
    }

    private static void confirm(UUID order, UUID customer) {
        KafkaEvents.publish(ORDERING, "ordering", "OrderConfirmed", order.toString(), confirmed(order, customer));
    }

    private static String confirmed(UUID order, UUID customer) {
        String json = """
                {"orderId":"%s","customerId":"%s","lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":{"amount":39.90,"currency":"EUR"}}],\
                "total":{"amount":79.80,"currency":"EUR"}}""".formatted(order, customer);
        Contracts.assertConforms("ordering", "OrderConfirmed", json);
        return json;
    }

    private void awaitAddressKnown(UUID customer) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from customer_address where customer_id = ?")
                .param(customer).query(Integer.class).single() == 1);
    }

    private static ConsumerRecord<String, String> awaitEvent(String type, UUID order) {
        return KafkaEvents.await(TOPIC, WAIT, ofType(type, order.toString()));
    }

    /** The shipment as staff see it. */
    private ResponseEntity<Map<String, Object>> shipment(UUID order) {
        return shipment(staff, order);
    }

    private ResponseEntity<Map<String, Object>> shipment(RestClient client, UUID order) {
        return client.get().uri("/api/shipments/{orderId}", order).retrieve().toEntity(MAP);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
