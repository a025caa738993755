package dev.bazaar.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.ReservationEvent;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.ReservationStatus;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderCancelled;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderConfirmed;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderPlaced;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.application.StockKeeping.ProductAdded;
import dev.bazaar.inventory.stock.application.StockKeeping;
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
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inventory's part in the order saga, driven by ordering's events as the contract describes them. A rejection or a
 * stock-out is counted once, and never for a placement seen before or a decision rolled back.
 */
@ServiceIntegrationTest
class ReservationIT {

    private static final String ORDERING = "ordering.events";
    private static final String INVENTORY = "inventory.events";
    private static final String DEAD_LETTERS = "inventory.dlt";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    StockKeeping stock;
    @Autowired
    StockReservations reservations;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry metrics;

    private RestClient http;

    /** As operators and drills read reservations: with staff's token. */
    @BeforeEach
    void client() {
        http = TestHttp.as(port, TestTokens.staff());
    }

    @Test
    void aShopperSeesTheReservationOfTheirOwnOrderAndAnotherShoppersIsAsUnknownAsNone() {
        String book = stocked();
        String order = freshOrder();
        UUID shopper = UUID.randomUUID();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, shopper, quantities(book, 1)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));

        ResponseEntity<Map<String, Object>> own = reservation(TestHttp.as(port, TestTokens.shopper(shopper)), order);
        ResponseEntity<Map<String, Object>> another = reservation(TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())), order);
        ResponseEntity<Map<String, Object>> none = reservation(TestHttp.as(port, TestTokens.shopper(shopper)), freshOrder());

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody()).containsEntry("orderId", order).containsEntry("lines", List.of(Map.of("sku", book, "quantity", 1)));
        assertThat(reservation(http, order).getStatusCode().value()).as("staff").isEqualTo(200);
        assertThat(another.getStatusCode().value()).isEqualTo(404);
        assertThat(another.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(another.getBody()).containsEntry("type", none.getBody().get("type")).containsEntry("title", none.getBody().get("title"))
                .containsEntry("detail", "No stock is reserved for order " + order);
    }

    @Test
    void aReservationMadeBeforeCustomersWereKeptIsForStaffOnly() {
        String book = stocked();
        String order = freshOrder();
        UUID shopper = UUID.randomUUID();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, shopper, quantities(book, 1)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));

        jdbc.sql("update reservation set customer_id = null where order_id = ?").param(UUID.fromString(order)).update();

        assertThat(reservation(TestHttp.as(port, TestTokens.shopper(shopper)), order).getStatusCode().value()).isEqualTo(404);
        assertThat(reservation(http, order).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withoutATokenAReservationIsA401Problem() {
        ResponseEntity<Map<String, Object>> anonymous = reservation(TestHttp.anonymous(port), freshOrder());

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void reservesEveryLineOfAPlacedOrderAndAnnouncesItAccordingToItsContract() {
        String book = stocked();
        String lamp = stocked();
        String order = freshOrder();
        Instant placed = Instant.now();

        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 2, lamp, 3)));

        ConsumerRecord<String, String> reserved = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));
        Contracts.assertConforms("inventory", "StockReserved", reserved.value());
        JsonNode event = JSON.readTree(reserved.value());
        assertThat(event.get("orderId").asString()).isEqualTo(order);
        assertThat(lines(event)).containsExactly(book + " x 2", lamp + " x 3");
        assertThat(Instant.parse(event.get("expiresAt").asString()))
                .isBetween(placed.plus(Duration.ofMinutes(15)).minusSeconds(5), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(stock(book)).isEqualTo(new Stock(50, 2));
        assertThat(stock(lamp)).isEqualTo(new Stock(50, 3));
        Map<String, Object> reservation = http.get().uri("/api/inventory/reservations/{order}", order).retrieve().body(MAP);
        assertThat(reservation).containsEntry("orderId", order).containsEntry("status", "HELD")
                .containsEntry("lines", List.of(Map.of("sku", book, "quantity", 2), Map.of("sku", lamp, "quantity", 3)));
    }

    @Test
    void rejectsAnOrderWhenStockIsShortAndReservesNothing() {
        String book = stocked();
        String lamp = stocked();
        String order = freshOrder();
        double rejectionsBefore = counter("bazaar.stock.rejections");

        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 2, lamp, 51)));

        ConsumerRecord<String, String> rejected = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockRejected", order));
        Contracts.assertConforms("inventory", "StockRejected", rejected.value());
        JsonNode event = JSON.readTree(rejected.value());
        assertThat(event.get("reason").asString()).isEqualTo("insufficient stock of " + lamp);
        assertThat(event.get("shortages").size()).isEqualTo(1);
        JsonNode shortage = event.get("shortages").get(0);
        assertThat(shortage.get("sku").asString()).isEqualTo(lamp);
        assertThat(shortage.get("requested").asInt()).isEqualTo(51);
        assertThat(shortage.get("available").asInt()).isEqualTo(50);
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
        assertThat(stock(lamp)).isEqualTo(new Stock(50, 0));
        assertThat(reservations.find(OrderId.parse(order))).isEmpty();
        assertThat(http.get().uri("/api/inventory/reservations/{order}", order).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(404);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(counter("bazaar.stock.rejections")).isEqualTo(rejectionsBefore + 1));
    }

    @Test
    void rejectsAnOrderOfAnUnknownSkuAsAShortageOfNone() {
        String book = stocked();
        String unknown = StockIT.freshSku();
        String order = freshOrder();

        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 1, unknown, 1)));

        ConsumerRecord<String, String> rejected = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockRejected", order));
        Contracts.assertConforms("inventory", "StockRejected", rejected.value());
        JsonNode shortage = JSON.readTree(rejected.value()).get("shortages").get(0);
        assertThat(shortage.get("sku").asString()).isEqualTo(unknown);
        assertThat(shortage.get("available").asInt()).isZero();
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
    }

    @Test
    void releasesTheReservationOfACancelledOrder() {
        String book = stocked();
        String order = freshOrder();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 4)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));

        KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order, Examples.orderCancelled(order));

        ConsumerRecord<String, String> released = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReleased", order));
        Contracts.assertConforms("inventory", "StockReleased", released.value());
        JsonNode event = JSON.readTree(released.value());
        assertThat(lines(event)).containsExactly(book + " x 4");
        assertThat(event.get("reason").asString()).isEqualTo("order cancelled: payment declined");
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
        assertThat(status(order)).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void commitsTheReservationOfAConfirmedOrder() {
        String book = stocked();
        String order = freshOrder();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 2)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));

        KafkaEvents.publish(ORDERING, "ordering", "OrderConfirmed", order, Examples.orderConfirmed(order, quantities(book, 2)));

        ConsumerRecord<String, String> committed = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockCommitted", order));
        Contracts.assertConforms("inventory", "StockCommitted", committed.value());
        assertThat(lines(JSON.readTree(committed.value()))).containsExactly(book + " x 2");
        assertThat(stock(book)).isEqualTo(new Stock(48, 0));
        assertThat(status(order)).isEqualTo(ReservationStatus.COMMITTED);
    }

    @Test
    void restocksTheGoodsOfAPaidOrderThatIsCancelledOnceAndAnnouncesItAccordingToItsContract() {
        String book = stocked();
        String order = freshOrder();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 3)));
        KafkaEvents.publish(ORDERING, "ordering", "OrderConfirmed", order, Examples.orderConfirmed(order, quantities(book, 3)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockCommitted", order));
        assertThat(stock(book)).isEqualTo(new Stock(47, 0));
        assertThat(stock.find(new Sku(book)).orElseThrow().committed()).isEqualTo(3);
        String cancellationId = UUID.randomUUID().toString();
        String cancellation = Examples.orderCancelled(order, "carrier does not deliver to AQ");

        KafkaEvents.publish(ORDERING, cancellationId, "ordering", "OrderCancelled", order, cancellation);
        KafkaEvents.publish(ORDERING, cancellationId, "ordering", "OrderCancelled", order, cancellation);
        String again = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order, cancellation);

        ConsumerRecord<String, String> restocked = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockRestocked", order));
        Contracts.assertConforms("inventory", "StockRestocked", restocked.value());
        JsonNode event = JSON.readTree(restocked.value());
        assertThat(event.get("orderId").asString()).isEqualTo(order);
        assertThat(lines(event)).containsExactly(book + " x 3");
        assertThat(event.get("reason").asString()).isEqualTo("order cancelled: carrier does not deliver to AQ");
        await().atMost(PATIENCE).until(() -> handled(again));
        relay.drain();
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockRestocked", order))).hasSize(1);
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockReleased", order))).isEmpty();
        StockItem item = stock.find(new Sku(book)).orElseThrow();
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
        assertThat(item.committed()).isZero();
        assertThat(item.onHand()).isEqualTo(item.initial() + item.received() - item.committed());
        assertThat(status(order)).isEqualTo(ReservationStatus.RESTOCKED);
    }

    @Test
    void aRestockedOrderConfirmedAgainCommitsNothing() {
        Sku sku = new Sku(stocked());
        OrderPlaced placed = placed(line(sku, 2));
        reservations.on(placed);
        reservations.on(new OrderConfirmed(placed.orderId()));
        reservations.on(new OrderCancelled(placed.orderId(), "deadline passed"));

        Optional<ReservationEvent> replayed = reservations.on(new OrderConfirmed(placed.orderId()));

        assertThat(replayed).isEmpty();
        assertThat(stock(sku.value())).isEqualTo(new Stock(50, 0));
        assertThat(reservations.find(placed.orderId()).orElseThrow().status()).isEqualTo(ReservationStatus.RESTOCKED);
    }

    @Test
    void aCancellationOfARejectedOrderKnowinglyChangesNothing() {
        String book = stocked();
        String order = freshOrder();
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 99)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockRejected", order));

        String cancellation = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order, Examples.orderCancelled(order));

        await().atMost(PATIENCE).until(() -> handled(cancellation));
        relay.drain();
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockReleased", order))).isEmpty();
        assertThat(KafkaEvents.readAll(DEAD_LETTERS).stream().filter(record -> order.equals(record.key()))).isEmpty();
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
    }

    @Test
    void aRejectedOrderPlacedAgainUnderAnotherEventIdReservesNothing() {
        String book = stocked();
        String order = freshOrder();
        double rejectionsBefore = counter("bazaar.stock.rejections");
        double stockOutsBefore = counter("bazaar.stock.outs");
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 99)));
        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockRejected", order));
        stock.receive(new Sku(book), 100);

        String again = KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 99)));

        await().atMost(PATIENCE).until(() -> handled(again));
        relay.drain();
        assertThat(stock(book)).isEqualTo(new Stock(150, 0));
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockReserved", order))).isEmpty();
        assertThat(counter("bazaar.stock.rejections")).isEqualTo(rejectionsBefore + 1);
        assertThat(counter("bazaar.stock.outs")).isEqualTo(stockOutsBefore);
    }

    @Test
    void aPlacementArrivingAfterItsOrdersCancellationReservesNothing() {
        String book = stocked();
        String order = freshOrder();
        String cancellation = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order, Examples.orderCancelled(order));
        await().atMost(PATIENCE).until(() -> handled(cancellation));

        String late = KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 3)));

        await().atMost(PATIENCE).until(() -> handled(late));
        relay.drain();
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(event -> order.equals(event.key()))).isEmpty();
        assertThat(http.get().uri("/api/inventory/reservations/{order}", order).retrieve()
                .onStatus(status -> true, (request, response) -> { }).toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aRedeliveredOrderPlacedReservesOnce() {
        String book = stocked();
        String order = freshOrder();
        String eventId = UUID.randomUUID().toString();
        // All of the SKU's stock: its reservation is a stock-out, which a redelivery must not count again.
        String placed = Examples.orderPlaced(order, quantities(book, 50));
        double stockOutsBefore = counter("bazaar.stock.outs");

        KafkaEvents.publish(ORDERING, eventId, "ordering", "OrderPlaced", order, placed);
        KafkaEvents.publish(ORDERING, eventId, "ordering", "OrderPlaced", order, placed);
        String after = KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order, Examples.orderCancelled(order));

        await().atMost(PATIENCE).until(() -> handled(after));
        assertThat(stock(book)).isEqualTo(new Stock(50, 0));
        relay.drain();
        List<ConsumerRecord<String, String>> published = KafkaEvents.readAll(INVENTORY);
        assertThat(published.stream().filter(ofType("StockReserved", order))).hasSize(1);
        assertThat(published.stream().filter(ofType("StockReleased", order))).hasSize(1);
        assertThat(counter("bazaar.stock.outs")).isEqualTo(stockOutsBefore + 1);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheEventsBehindItAreStillApplied() {
        String book = stocked();
        String order = freshOrder();

        KafkaEvents.publishRaw(ORDERING, order, "not an event at all");
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 1)));

        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, PATIENCE, record -> order.equals(record.key()));
        assertThat(dead.value()).isEqualTo("not an event at all");
        assertThat(stock(book)).isEqualTo(new Stock(50, 1));
    }

    @Test
    void anOrderThatBreaksItsContractIsDeadLetteredWithoutChangingStock() {
        String book = stocked();
        String order = freshOrder();
        String broken = Examples.orderPlaced(order, quantities(book, 0));

        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, broken);
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order, Examples.orderPlaced(order, quantities(book, 2)));

        KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReserved", order));
        ConsumerRecord<String, String> dead = KafkaEvents.await(DEAD_LETTERS, PATIENCE, record -> order.equals(record.key()));
        assertThat(dead.value()).isEqualTo(broken);
        assertThat(KafkaEvents.header(dead, "kafka_dlt-exception-message")).hasValueSatisfying(
                message -> assertThat(message).contains("breaks its contract"));
        assertThat(stock(book)).isEqualTo(new Stock(50, 2));
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverOversell() throws Exception {
        Sku sku = new Sku(stocked());
        reservations.on(placed(line(sku, 45)));
        double rejectionsBefore = counter("bazaar.stock.rejections");
        double stockOutsBefore = counter("bazaar.stock.outs");

        List<Optional<ReservationEvent>> outcomes = race(10, i -> placed(line(sku, 1)));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isPresent());
        assertThat(count(outcomes, ReservationEvent.Reserved.class)).isEqualTo(5);
        assertThat(count(outcomes, ReservationEvent.Rejected.class)).isEqualTo(5);
        assertThat(stock(sku.value())).isEqualTo(new Stock(50, 50));
        // Each use case commits before it returns, and counts as it commits.
        assertThat(counter("bazaar.stock.rejections")).isEqualTo(rejectionsBefore + 5);
        assertThat(counter("bazaar.stock.outs")).as("the SKU ran out once").isEqualTo(stockOutsBefore + 1);
    }

    @Test
    void concurrentOrdersOverTheSameSkusInAnyOrderNeitherOversellNorDeadlock() throws Exception {
        Sku book = new Sku(stocked());
        Sku lamp = new Sku(stocked());
        reservations.on(placed(line(book, 40), line(lamp, 40)));
        double rejectionsBefore = counter("bazaar.stock.rejections");
        double stockOutsBefore = counter("bazaar.stock.outs");

        List<Optional<ReservationEvent>> outcomes = race(10, i -> i % 2 == 0
                ? placed(line(book, 2), line(lamp, 2))
                : placed(line(lamp, 2), line(book, 2)));

        assertThat(count(outcomes, ReservationEvent.Reserved.class)).isEqualTo(5);
        assertThat(count(outcomes, ReservationEvent.Rejected.class)).isEqualTo(5);
        assertThat(stock(book.value())).isEqualTo(new Stock(50, 50));
        assertThat(stock(lamp.value())).isEqualTo(new Stock(50, 50));
        assertThat(counter("bazaar.stock.rejections")).isEqualTo(rejectionsBefore + 5);
        assertThat(counter("bazaar.stock.outs")).as("both SKUs ran out, once each").isEqualTo(stockOutsBefore + 2);
    }

    @Test
    void outboxPublishesWhatATransactionCommitsAndNothingThatItRollsBack() {
        Sku sku = new Sku(stocked());
        // All the stock there is: a stock-out, had it committed.
        OrderPlaced rolledBack = placed(line(sku, 50));
        OrderPlaced committed = placed(line(sku, 2));
        double stockOutsBefore = counter("bazaar.stock.outs");

        transactions.executeWithoutResult(status -> {
            reservations.on(rolledBack);
            status.setRollbackOnly();
        });
        reservations.on(committed);
        relay.drain();

        Set<String> published = KafkaEvents.readAll(INVENTORY).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(published).contains(committed.orderId().toString()).doesNotContain(rolledBack.orderId().toString());
        assertThat(reservations.find(rolledBack.orderId())).isEmpty();
        assertThat(stock(sku.value())).isEqualTo(new Stock(50, 2));
        assertThat(counter("bazaar.stock.outs")).as("a stock-out rolled back is not counted").isEqualTo(stockOutsBefore);
    }

    private double counter(String name) {
        return metrics.get(name).counter().count();
    }

    /** Runs the orders at once, each in a thread of its own, the way several listener instances would. */
    private List<Optional<ReservationEvent>> race(int orders, java.util.function.IntFunction<OrderPlaced> order) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(orders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<ReservationEvent>>> futures = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                OrderPlaced placed = order.apply(i);
                Callable<Optional<ReservationEvent>> reserve = () -> {
                    start.await();
                    return reservations.on(placed);
                };
                futures.add(threads.submit(reserve));
            }
            start.countDown();
            List<Optional<ReservationEvent>> outcomes = new ArrayList<>();
            for (Future<Optional<ReservationEvent>> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> lines(JsonNode event) {
        List<String> lines = new ArrayList<>();
        event.get("lines").forEach(line -> lines.add(line.get("sku").asString() + " x " + line.get("quantity").asInt()));
        return lines;
    }

    private static long count(List<Optional<ReservationEvent>> outcomes, Class<? extends ReservationEvent> type) {
        return outcomes.stream().flatMap(Optional::stream).filter(type::isInstance).count();
    }

    private record Stock(int onHand, int reserved) {
    }

    private Stock stock(String sku) {
        StockItem item = stock.find(new Sku(sku)).orElseThrow();
        return new Stock(item.onHand(), item.reserved());
    }

    private ReservationStatus status(String order) {
        return reservations.find(OrderId.parse(order)).orElseThrow().status();
    }

    private static ResponseEntity<Map<String, Object>> reservation(RestClient client, String order) {
        return client.get().uri("/api/inventory/reservations/{order}", order).retrieve().toEntity(MAP);
    }

    private boolean handled(String eventId) {
        return jdbc.sql("select count(*) from inbox where event_id = ?").param(eventId).query(Long.class).single() == 1;
    }

    /** A fresh SKU with the initial stock of 50, as if catalog had just put it on sale. */
    private String stocked() {
        String sku = StockIT.freshSku();
        stock.on(new ProductAdded(new Sku(sku)));
        return sku;
    }

    private static OrderPlaced placed(ReservationLine... lines) {
        return new OrderPlaced(new OrderId(UUID.randomUUID()), UUID.randomUUID(), List.of(lines));
    }

    private static ReservationLine line(Sku sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }

    private static Map<String, Integer> quantities(Object... skuThenQuantity) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            quantities.put((String) skuThenQuantity[i], (Integer) skuThenQuantity[i + 1]);
        }
        return quantities;
    }

    private static String freshOrder() {
        return UUID.randomUUID().toString();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
