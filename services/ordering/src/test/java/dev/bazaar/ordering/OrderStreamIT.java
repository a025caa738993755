package dev.bazaar.ordering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderStream.ConcurrentOrderUpdate;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.bazaar.ordering.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The event store's optimistic concurrency and the outbox, against the real database. */
@ServiceIntegrationTest
class OrderStreamIT {

    @Autowired
    OrderStream stream;
    @Autowired
    Checkout checkout;
    @Autowired
    OrderSaga saga;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private UUID customer;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeys() {
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "10.00");
        customer = UUID.randomUUID();
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void ofTwoWritersAppendingAtTheSameVersionExactlyOneWins() throws Exception {
        OrderId order = place();
        CyclicBarrier together = new CyclicBarrier(2);

        List<Future<String>> writers = new ArrayList<>();
        for (OrderEvent event : List.of(new OrderEvent.Confirmed(order, Instant.now()), new OrderEvent.Cancelled(order, "changed my mind", Instant.now()))) {
            writers.add(threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                try {
                    transactions.executeWithoutResult(status -> stream.append(order, 1, event));
                    return "won";
                } catch (ConcurrentOrderUpdate e) {
                    return "lost";
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> writer : writers) {
            outcomes.add(writer.get(20, TimeUnit.SECONDS));
        }

        assertThat(outcomes).containsExactlyInAnyOrder("won", "lost");
        assertThat(stream.load(order)).hasSize(2);
    }

    @Test
    void aWriterThatDecidedOnAStaleOrFutureVersionIsTurnedAway() {
        OrderId order = place();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                stream.append(order, 0, new OrderEvent.Confirmed(order, Instant.now()))))
                .isInstanceOf(ConcurrentOrderUpdate.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                stream.append(order, 3, new OrderEvent.Confirmed(order, Instant.now()))))
                .isInstanceOf(ConcurrentOrderUpdate.class);
        assertThat(stream.load(order)).hasSize(1);
    }

    @Test
    void aRefusedAppendWritesNothingAndItsTransactionGoesOn() {
        OrderId order = place();

        // What OrderChanges relies on to decide again without a savepoint: a refusal is no error to PostgreSQL.
        transactions.executeWithoutResult(status -> {
            assertThatThrownBy(() -> stream.append(order, 0, new OrderEvent.Confirmed(order, Instant.now())))
                    .isInstanceOf(ConcurrentOrderUpdate.class);
            stream.append(order, 1, new OrderEvent.Confirmed(order, Instant.now()));
        });

        assertThat(stream.load(order)).hasSize(2).last().isInstanceOf(OrderEvent.Confirmed.class);
    }

    @Test
    void aHandlerThatLosesTheRaceDecidesAgainOnTheFreshStream() throws Exception {
        OrderId order = place();
        CountDownLatch otherWriterAppended = new CountDownLatch(1);
        CountDownLatch otherWriterMayCommit = new CountDownLatch(1);
        Future<?> otherWriter = threads.submit(() -> transactions.executeWithoutResult(status -> {
            stream.append(order, 1, new OrderEvent.Confirmed(order, Instant.now()));
            otherWriterAppended.countDown();
            waitFor(otherWriterMayCommit);
        }));
        waitFor(otherWriterAppended);

        // Decides on version 1 (PENDING) while the other writer holds version 2 uncommitted, so its
        // append waits; once that commits, it is refused, reloads, and finds the order confirmed already.
        Future<?> handler = threads.submit(() -> saga.on(new OrderSaga.PaymentCaptured(order, Money.of("10.00", "EUR"))));
        await().atMost(PATIENCE).until(() -> lockWaits() > 0);
        otherWriterMayCommit.countDown();
        otherWriter.get(20, TimeUnit.SECONDS);
        handler.get(20, TimeUnit.SECONDS);

        assertThat(stream.load(order)).extracting(OrderEvent::status).hasSize(2).last().hasToString("CONFIRMED");
    }

    @Test
    void theOutboxPublishesWhatATransactionCommitsAndNothingThatItRollsBack() {
        List<OrderId> rolledBack = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            rolledBack.add(checkout.place(command()).orderId());
            status.setRollbackOnly();
        });
        OrderId committed = transactions.execute(status -> checkout.place(command()).orderId());
        relay.drain();

        Set<String> published = KafkaEvents.readAll("ordering.events").stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(published).contains(committed.toString()).doesNotContain(rolledBack.get(0).toString());
        assertThat(stream.load(rolledBack.get(0))).isEmpty();
        assertThat(stream.load(committed)).hasSize(1);
    }

    private OrderId place() {
        return checkout.place(command()).orderId();
    }

    private Checkout.PlaceOrder command() {
        return new Checkout.PlaceOrder(new CustomerId(customer), List.of(new Checkout.Item(new Sku(book), 1)),
                CardNumber.parse("4242424242424242"), null);
    }

    private long lockWaits() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .query(Long.class).single();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nobody released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
