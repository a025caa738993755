package dev.bazaar.ordering.order;

import java.time.Instant;
import java.util.List;

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
     * @throws ConcurrentOrderUpdate when another writer appended in the meantime
     */
    void append(OrderId id, int expectedVersion, List<OrderEvent> events);

    /** The stream as stored, for inspection; the payload is JSON. */
    List<RecordedEvent> recorded(OrderId id);

    record RecordedEvent(int version, String type, Instant at, String payload) {
    }

    class ConcurrentOrderUpdate extends RuntimeException {
        public ConcurrentOrderUpdate(OrderId id, int expectedVersion) {
            super("Order " + id + " changed while this change was decided (expected version " + expectedVersion + ")");
        }
    }
}
