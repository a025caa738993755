package dev.bazaar.inventory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import dev.bazaar.platform.work.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reservations whose order is not paid in time are given back. This context holds reservations
 * for one second only; it drives the use cases directly and keeps its Kafka listeners stopped,
 * because it shares the consumer group and the database with the other test classes' context and
 * would otherwise take over some partitions of ordering.events and reserve their orders for a second.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "inventory.reservation-ttl=1s",
        "inventory.expiry-sweep-interval=100ms",
        "spring.kafka.listener.auto-startup=false"})
class ReservationExpiryIT {

    private static final String INVENTORY = "inventory.events";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sweeps called here directly as if inventory had read every order event there is. */
    private static final Instant HEARD_EVERYTHING = Instant.MAX;

    @Autowired
    StockKeeping stock;
    @Autowired
    StockReservations reservations;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("reservationExpiry")
    Worker sweeper;

    @Test
    void releasesAReservationNotConfirmedByItsExpiryAndAnnouncesItAccordingToItsContract() {
        Sku book = stocked();
        Sku lamp = stocked();
        OrderPlaced placed = placed(line(book, 2), line(lamp, 3));

        reservations.on(placed);
        assertThat(stock(book)).isEqualTo(new Stock(50, 2, 0));

        ConsumerRecord<String, String> released = KafkaEvents.await(INVENTORY, PATIENCE, ofType("StockReleased", order(placed)));
        Contracts.assertConforms("inventory", "StockReleased", released.value());
        JsonNode event = JSON.readTree(released.value());
        assertThat(event.get("reason").asString()).isEqualTo("reservation expired");
        assertThat(event.get("lines").size()).isEqualTo(2);
        assertThat(status(placed)).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stock(book)).isEqualTo(new Stock(50, 0, 0));
        assertThat(stock(lamp)).isEqualTo(new Stock(50, 0, 0));
    }

    @Test
    void aConfirmationAfterTheReservationExpiredCommitsNothingAndNothingIsOversold() {
        Sku sku = stocked();
        OrderPlaced late = placed(line(sku, 30));
        reservations.on(late);
        await().atMost(PATIENCE).until(() -> status(late) == ReservationStatus.RELEASED);

        assertThat(reservations.on(new OrderConfirmed(late.orderId()))).isEmpty();
        assertThat(reservations.on(new OrderCancelled(late.orderId(), "reservation expired"))).isEmpty();

        assertThat(status(late)).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stock(sku)).isEqualTo(new Stock(50, 0, 0));
        assertThat(reservations.on(placed(line(sku, 50)))).containsInstanceOf(ReservationEvent.Reserved.class);
        assertThat(reservations.on(placed(line(sku, 1)))).containsInstanceOf(ReservationEvent.Rejected.class);
        relay.drain();
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockCommitted", order(late)))).isEmpty();
    }

    @Test
    void aReservationConfirmedInTimeNeverExpires() {
        Sku sku = stocked();
        OrderPlaced paid = placed(line(sku, 4));
        OrderPlaced unpaid = placed(line(sku, 1));

        reservations.on(paid);
        reservations.on(unpaid);
        assertThat(reservations.on(new OrderConfirmed(paid.orderId()))).containsInstanceOf(ReservationEvent.Committed.class);

        await().atMost(PATIENCE).until(() -> status(unpaid) == ReservationStatus.RELEASED);
        assertThat(status(paid)).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(stock(sku)).isEqualTo(new Stock(46, 0, 4));
        relay.drain();
        assertThat(KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockReleased", order(paid)))).isEmpty();
    }

    /**
     * Inventory behind on ordering's events (back from an outage, say) keeps a reservation that expired after what it
     * has read: the order's confirmation may be among what it has not read yet. Once it has read past the expiry, the
     * reservation goes.
     */
    @Test
    void aReservationThatExpiredAfterWhatInventoryHasReadIsKeptUntilItHasReadPastIt() {
        Sku sku = stocked();
        OrderPlaced placed = placed(line(sku, 2));
        ReservationStatus whileBehind;
        // This context's scheduled sweeps would race the ones below. (The other context's sweeper, on the same database,
        // wakes once a minute at most: the expiry set below lasts milliseconds before these sweeps.)
        sweeper.stop();
        try {
            reservations.on(placed);
            Instant expired = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
            jdbc.sql("update reservation set expires_at = :at where order_id = :order").param("at", Timestamp.from(expired))
                    .param("order", placed.orderId().value()).update();

            reservations.expireDue(100, expired.minusMillis(1));
            whileBehind = status(placed);
            reservations.expireDue(100, expired);
        } finally {
            sweeper.start();
        }

        assertThat(whileBehind).isEqualTo(ReservationStatus.HELD);
        assertThat(status(placed)).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stock(sku)).isEqualTo(new Stock(50, 0, 0));
    }

    @Test
    void sweepersSideBySideReleaseEveryExpiredReservationExactlyOnce() throws Exception {
        Sku book = stocked();
        Sku lamp = stocked();
        List<OrderPlaced> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Lines in both SKU orders, so that sweeps and orders lock overlapping stock every way round.
            OrderPlaced placed = i % 2 == 0 ? placed(line(book, 1), line(lamp, 1)) : placed(line(lamp, 1), line(book, 1));
            reservations.on(placed);
            orders.add(placed);
        }
        double expiredBefore = expiredCounted();

        sweepSideBySide(4, Duration.ofMillis(2500));

        await().atMost(PATIENCE).until(() -> orders.stream().allMatch(placed -> status(placed) == ReservationStatus.RELEASED));
        assertThat(stock(book)).isEqualTo(new Stock(50, 0, 0));
        assertThat(stock(lamp)).isEqualTo(new Stock(50, 0, 0));
        relay.drain();
        Map<String, Long> releasedPerOrder = KafkaEvents.readAll(INVENTORY).stream().filter(ofType("StockReleased"))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        orders.forEach(placed -> assertThat(releasedPerOrder).containsEntry(order(placed), 1L));
        // Never counted twice, however many sweepers raced. (The other test context's scheduled sweeper, on the same
        // database, may release some of them, counting them in its own registry: hence at most, not exactly.)
        assertThat(expiredCounted() - expiredBefore).isBetween(0.0, (double) orders.size());
    }

    private double expiredCounted() {
        return metrics.get("bazaar.stock.reservations.expired").counter().count();
    }

    /** Sweeps in several threads at once, the way several instances of inventory would, beside the scheduled sweeps. */
    private void sweepSideBySide(int instances, Duration during) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sweeps = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                sweeps.add(threads.submit(() -> {
                    start.await();
                    long end = System.nanoTime() + during.toNanos();
                    while (System.nanoTime() < end) {
                        reservations.expireDue(3, HEARD_EVERYTHING);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sweep : sweeps) {
                sweep.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private record Stock(int onHand, int reserved, int committed) {
    }

    private Stock stock(Sku sku) {
        StockItem item = stock.find(sku).orElseThrow();
        assertThat(item.onHand()).isEqualTo(item.initial() + item.received() - item.committed());
        return new Stock(item.onHand(), item.reserved(), item.committed());
    }

    private ReservationStatus status(OrderPlaced placed) {
        return reservations.find(placed.orderId()).orElseThrow().status();
    }

    private Sku stocked() {
        Sku sku = new Sku(StockIT.freshSku());
        stock.on(new ProductAdded(sku));
        return sku;
    }

    private static String order(OrderPlaced placed) {
        return placed.orderId().toString();
    }

    private static OrderPlaced placed(ReservationLine... lines) {
        return new OrderPlaced(new OrderId(UUID.randomUUID()), UUID.randomUUID(), List.of(lines));
    }

    private static ReservationLine line(Sku sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }
}
