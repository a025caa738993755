package dev.bazaar.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.ordering.order.application.OverdueOrders;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.work.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static dev.bazaar.ordering.Fixtures.MAP;
import static dev.bazaar.ordering.Fixtures.PATIENCE;
import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga's clock, with a deadline of seconds. This instance of the service consumes no events (its
 * listeners stay stopped, so it does not share partitions with the other tests' instance); what the
 * other contexts would have said is applied through the saga directly. Its sweeper would cancel any
 * unfinished order older than two seconds, so the context is closed once these tests are done.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "ordering.saga-deadline=2s",
        "ordering.sweep-interval=250ms",
        "ordering.idempotency-key-ttl=2s",
        "spring.kafka.listener.auto-startup=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SagaDeadlineIT {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Replicas replicas;
    @Autowired
    OrderSaga saga;
    @Autowired
    OverdueOrders overdue;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    @Qualifier("orderingSweeps")
    Worker sweeper;

    private RestClient http;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAShopperSignsIn() {
        http = Fixtures.shopper(port, UUID.randomUUID());
        book = Fixtures.newSku("BOOK");
        replicas.on(new Replicas.ProductAdded(new Sku(book), "A Book", Money.of("10.00", "EUR"), 1L));
        replicas.on(new Replicas.CardKeysOffered(Fixtures.offeredKeys(), Instant.now()));
    }

    @Test
    void ordersTheSagaDidNotFinishByTheirDeadlineAreCancelledAndAnnounced() {
        String pending = place(null);
        String confirmed = place(null);
        String rejected = place(null);
        saga.on(new OrderSaga.PaymentCaptured(OrderId.of(confirmed), Money.of("10.00", "EUR")));
        saga.on(new OrderSaga.StockRejected(OrderId.of(rejected), "insufficient stock: " + book));

        Map<String, Object> pendingOrder = awaitStatus(pending, "CANCELLED");
        // Paid, it is given up through fulfillment: cancelled (and so refunded) once fulfillment stopped its shipment.
        awaitStatus(confirmed, "CANCELLING");
        relay.drain();
        Contracts.assertConforms("ordering", "OrderCancellationRequested",
                KafkaEvents.await("ordering.events", PATIENCE, ofType("OrderCancellationRequested", confirmed)).value());
        saga.on(new OrderSaga.ShipmentCancelled(OrderId.of(confirmed), "order cancelled: deadline passed"));
        Map<String, Object> confirmedOrder = awaitStatus(confirmed, "CANCELLED");
        assertThat(history(confirmedOrder)).extracting(entry -> entry.get("status"))
                .containsExactly("PENDING", "CONFIRMED", "CANCELLING", "CANCELLED");

        for (Map<String, Object> order : List.of(pendingOrder, confirmedOrder)) {
            List<Map<String, Object>> history = history(order);
            Map<String, Object> last = history.get(history.size() - 1);
            assertThat(last).containsEntry("reason", "deadline passed");
            assertThat(Instant.parse((String) last.get("at")))
                    .isAfterOrEqualTo(Instant.parse((String) history.get(0).get("at")).plus(DEADLINE));
        }
        assertThat(history(get(rejected))).extracting(entry -> entry.get("status")).containsExactly("PENDING", "REJECTED");
        relay.drain();
        for (String order : List.of(pending, confirmed)) {
            ConsumerRecord<String, String> cancelled = KafkaEvents.await("ordering.events", PATIENCE, ofType("OrderCancelled", order));
            Contracts.assertConforms("ordering", "OrderCancelled", cancelled.value());
            assertThat(cancelled.value()).contains("deadline passed");
        }
        assertThat(listedStatus(pending)).isEqualTo("CANCELLED");
    }

    /**
     * Ordering behind on what it reads (back from an outage, say) does not give an order up while a capture or a
     * delivery reported before its deadline may still be waiting to be read; once it has read past the deadline, it does.
     */
    @Test
    void anOrderIsGivenUpOnlyOnceOrderingHasReadWhatWasPublishedBeforeItsDeadline() throws Exception {
        String order;
        Object whileBehind;
        Object caughtUp;
        // This context's scheduled sweeps, which ask how far ordering has really read, would race the ones below.
        sweeper.stop();
        try {
            Instant before = Instant.now();
            order = place(null);
            Thread.sleep(DEADLINE.toMillis() + 100);
            overdue.cancelOverdue(() -> before.plus(DEADLINE).minusMillis(1));
            whileBehind = get(order).get("status");
            overdue.cancelOverdue(Instant::now);
            caughtUp = get(order).get("status");
        } finally {
            sweeper.start();
        }

        assertThat(whileBehind).isEqualTo("PENDING");
        assertThat(caughtUp).isEqualTo("CANCELLED");
    }

    @Test
    void sweepersRacingEachOtherCancelEachOverdueOrderExactlyOnce() throws Exception {
        double countedBefore = deadlineCancellationsCounted();
        // The scheduled sweeper may commit a cancellation between two reads, before its counter moves: the difference
        // is taken once it holds still.
        double uncountedBefore = steadyDifference();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(place(null));
        }
        int sweepers = 3;
        CyclicBarrier together = new CyclicBarrier(sweepers);
        ExecutorService threads = Executors.newFixedThreadPool(sweepers);
        int cancelledByTheseSweepers = 0;
        try {
            // They start when the orders fall due, alongside the scheduled sweeper: as two instances would.
            Thread.sleep(DEADLINE.toMillis());
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < sweepers; i++) {
                runs.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    int cancelled = 0;
                    for (int round = 0; round < 5; round++) {
                        cancelled += overdue.cancelOverdue(() -> Instant.MAX);
                    }
                    return cancelled;
                }));
            }
            for (Future<Integer> run : runs) {
                cancelledByTheseSweepers += run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (String order : orders) {
            awaitStatus(order, "CANCELLED");
        }

        assertThat(cancelledByTheseSweepers).isBetween(0, orders.size());
        relay.drain();
        List<ConsumerRecord<String, String>> published = KafkaEvents.readAll("ordering.events");
        for (String order : orders) {
            assertThat(jdbc.sql("select type from order_event where order_id = :id order by version")
                    .param("id", UUID.fromString(order)).query(String.class).list())
                    .containsExactly("OrderPlaced", "OrderCancelled");
            assertThat(published).filteredOn(ofType("OrderCancelled", order)).hasSize(1);
        }
        // Counted once per cancellation appended, whichever sweeper won; the losers' attempts count nothing. (This
        // instance's scheduled sweeper may be cancelling other tests' old orders meanwhile: those count too.)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadlineCancellationsAppended() - deadlineCancellationsCounted())
                .isEqualTo(uncountedBefore));
        assertThat(deadlineCancellationsCounted() - countedBefore).isGreaterThanOrEqualTo(orders.size());
    }

    /** Cancellations appended less those counted, read until two reads 200 ms apart agree. */
    private double steadyDifference() throws InterruptedException {
        double previous = Double.NaN;
        for (int read = 0; read < 50; read++) {
            double difference = deadlineCancellationsAppended() - deadlineCancellationsCounted();
            if (difference == previous) {
                return difference;
            }
            previous = difference;
            Thread.sleep(200);
        }
        throw new IllegalStateException("cancellations appended and counted never held still");
    }

    private double deadlineCancellationsCounted() {
        return metrics.get("bazaar.orders.cancelled").tag("reason", "deadline_passed").counter().count();
    }

    private long deadlineCancellationsAppended() {
        return jdbc.sql("select count(*) from order_event where type = 'OrderCancelled' and payload ->> 'reason' = 'deadline passed'")
                .query(Long.class).single();
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterItsTimeToLiveSoTheTableStaysBounded() {
        String key = UUID.randomUUID().toString();
        String first = place(key);
        assertThat(place(key)).isEqualTo(first);

        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from checkout_request where idempotency_key = :key")
                .param("key", key).query(Long.class).single() == 0);

        assertThat(jdbc.sql("select count(*) from checkout_request where received_at < now() - interval '1 minute'")
                .query(Long.class).single()).isZero();
        assertThat(place(key)).isNotEqualTo(first);
    }

    private String place(String idempotencyKey) {
        RestClient.RequestBodySpec request = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        ResponseEntity<Map<String, Object>> placed = request.body(Fixtures.orderRequest("4242424242424242", book, "1"))
                .retrieve().toEntity(MAP);
        assertThat(placed.getStatusCode().value()).isEqualTo(202);
        return (String) placed.getBody().get("orderId");
    }

    private Map<String, Object> awaitStatus(String order, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(get(order).get("status")));
        return get(order);
    }

    private Map<String, Object> get(String order) {
        return http.get().uri("/api/orders/" + order).retrieve().body(MAP);
    }

    private String listedStatus(String order) {
        return jdbc.sql("select status from customer_order where order_id = :id").param("id", UUID.fromString(order))
                .query(String.class).single();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> order) {
        return (List<Map<String, Object>>) order.get("history");
    }
}
