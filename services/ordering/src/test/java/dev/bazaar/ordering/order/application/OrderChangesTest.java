package dev.bazaar.ordering.order.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.ordering.order.CardReference;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.platform.messaging.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The streams OrderChanges keeps between changes, and what it does when a kept stream is behind the stored one. */
class OrderChangesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private final StoredStreams stored = new StoredStreams();
    private final OrderChanges changes = new OrderChanges(stored, mock(CustomerOrders.class), mock(Outbox.class));
    private final OrderId id = OrderId.random();

    @AfterEach
    void noTransactionLeftOpen() {
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
    }

    @Test
    void aChangeStartsFromTheStreamItsOrderLastCommittedWithoutReadingItBack() {
        place();

        committed(() -> changes.change(id, order -> Optional.of(order.confirm(T0))));
        committed(() -> changes.change(id, order -> Optional.of(order.markShipped(T0))));

        assertThat(stored.loads).isZero();
        assertThat(statuses()).containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.SHIPPED);
    }

    @Test
    void aChangeDecidedOnAKeptStreamThatAnotherWriterMovedOnIsDecidedAgainOnTheStoredOne() {
        place();
        stored.append(id, 1, new OrderEvent.Confirmed(id, T0));

        Optional<?> change = committed(() -> changes.change(id, order ->
                order.hasBeen(OrderStatus.CONFIRMED) ? Optional.empty() : Optional.of(order.confirm(T0))));

        assertThat(change).isEmpty();
        assertThat(stored.loads).isOne();
        assertThat(statuses()).containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED);
    }

    @Test
    void aRefusalOnAKeptStreamThatIsBehindIsDecidedAgainOnTheStoredOne() {
        place();
        stored.append(id, 1, new OrderEvent.Confirmed(id, T0));
        stored.append(id, 2, new OrderEvent.Shipped(id, T0));

        // On the kept stream the order is PENDING, and delivering it throws.
        committed(() -> changes.change(id, order -> Optional.of(order.markDelivered(T0))));

        assertThat(stored.loads).isOne();
        assertThat(statuses()).containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void nothingToDoOnAKeptStreamThatIsBehindIsDecidedAgainOnTheStoredOne() {
        place();
        stored.append(id, 1, new OrderEvent.Confirmed(id, T0));
        stored.append(id, 2, new OrderEvent.Shipped(id, T0));

        committed(() -> changes.change(id, order ->
                order.status() == OrderStatus.SHIPPED ? Optional.of(order.markDelivered(T0)) : Optional.empty()));

        assertThat(stored.loads).isOne();
        assertThat(statuses()).last().isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void aChangeRolledBackIsNotKept() {
        place();
        inTransaction(() -> changes.change(id, order -> Optional.of(order.confirm(T0))), false);
        stored.rollBackLast(id);

        // Kept as it committed (PENDING), the order is confirmed again from it, without reading it back.
        committed(() -> changes.change(id, order ->
                order.hasBeen(OrderStatus.CONFIRMED) ? Optional.empty() : Optional.of(order.confirm(T0))));

        assertThat(stored.loads).isZero();
        assertThat(statuses()).containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED);
    }

    @Test
    void aFinalOrderIsForgotten() {
        place();
        committed(() -> changes.change(id, order -> Optional.of(order.cancel("changed my mind", T0))));

        committed(() -> changes.change(id, order -> Optional.<OrderEvent>empty()));

        assertThat(stored.loads).isOne();
    }

    /** As Checkout places an order: appended, and kept once committed. */
    private void place() {
        committed(() -> {
            Order order = Order.create(id);
            OrderEvent.Placed placed = order.place(new CustomerId(UUID.randomUUID()),
                    List.of(new OrderLine(new Sku("BOOK-001"), "A Book", 1, Money.of("10.00", "EUR"))),
                    new CardReference("4242", "k-1"), T0);
            stored.append(id, 0, placed);
            changes.keep(order, List.of(placed));
            return null;
        });
    }

    private List<OrderStatus> statuses() {
        return stored.streams.get(id).stream().map(OrderEvent::status).toList();
    }

    private static <T> T committed(java.util.function.Supplier<T> work) {
        return inTransaction(work, true);
    }

    /** A transaction as Spring's synchronization sees it: after-commit work runs only when it commits. */
    private static <T> T inTransaction(java.util.function.Supplier<T> work, boolean commit) {
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            T result = work.get();
            if (commit) {
                TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
            }
            return result;
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }

    /** The event store's contract in memory: an append at another version than the stream's is refused. */
    private static final class StoredStreams implements OrderStream {

        final Map<OrderId, List<OrderEvent>> streams = new HashMap<>();
        int loads;

        @Override
        public List<OrderEvent> load(OrderId id) {
            loads++;
            return List.copyOf(streams.getOrDefault(id, List.of()));
        }

        @Override
        public void append(OrderId id, int expectedVersion, OrderEvent event) {
            List<OrderEvent> stream = streams.computeIfAbsent(id, key -> new ArrayList<>());
            if (stream.size() != expectedVersion) {
                throw new ConcurrentOrderUpdate(id, expectedVersion);
            }
            stream.add(event);
        }

        void rollBackLast(OrderId id) {
            List<OrderEvent> stream = streams.get(id);
            stream.remove(stream.size() - 1);
        }

        @Override
        public Map<OrderId, List<OrderEvent>> loadAll(Collection<OrderId> ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<OrderId> ids(OrderId after, OrderId through, long offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countOrders() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RecordedEvent> recorded(OrderId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CancelledAfterConfirmation> cancelledAfterConfirmation(Instant since, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
