package dev.bazaar.ordering.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where orders' events are kept: one append-only stream per order. Appends are optimistic: they
 * state the version they expect the stream to be at, and of two writers that expect the same
 * version only one can succeed.
 */
public interface OrderStream {

    /** @return the order's events, oldest first; empty for an unknown order */
    List<OrderEvent> load(OrderId id);

    /**
     * @param expectedVersion how many events the stream holds now (0 for a new order)
     * @throws ConcurrentOrderUpdate when another writer appended in the meantime; nothing was written then, and the
     *                               transaction may go on (to decide again on the fresh stream)
     */
    void append(OrderId id, int expectedVersion, OrderEvent event);

    /** @return the streams of those orders that exist, in the order asked for */
    Map<OrderId, List<OrderEvent>> loadAll(Collection<OrderId> ids);

    /**
     * Walks the orders by id, in PostgreSQL's uuid order: for a replay of all streams, and for the admin list, which the
     * audit reads range by range to join it with the other contexts' records of the same orders.
     *
     * @param after   the last id of the previous batch; null for none
     * @param through the last id wanted; null for none
     * @return up to {@code limit} ids greater than {@code after} and at most {@code through}, ascending, the first
     *         {@code offset} of them skipped
     */
    List<OrderId> ids(OrderId after, OrderId through, long offset, int limit);

    long countOrders();

    /** The stream as stored, for inspection; the payload is JSON. */
    List<RecordedEvent> recorded(OrderId id);

    record RecordedEvent(int version, String type, Instant at, String payload) {
    }

    /**
     * Orders cancelled at or after {@code since} whose streams hold a confirmation too: their payment was captured, so
     * the cancellation gives money back. The latest cancelled first.
     */
    List<CancelledAfterConfirmation> cancelledAfterConfirmation(Instant since, int limit);

    record CancelledAfterConfirmation(OrderId orderId, CustomerId customerId, Money total, Instant cancelledAt, String reason) {
    }

    class ConcurrentOrderUpdate extends RuntimeException {
        public ConcurrentOrderUpdate(OrderId id, int expectedVersion) {
            super("Order " + id + " changed while this change was decided (expected version " + expectedVersion + ")");
        }
    }
}
