package dev.bazaar.inventory.reservation;

import java.time.Instant;
import java.util.List;

/** Facts about reservations that inventory publishes on {@code inventory.events}. */
public sealed interface ReservationEvent {

    OrderId orderId();

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R reserved(Reserved event);

        R rejected(Rejected event);

        R released(Released event);

        R committed(Committed event);

        R restocked(Restocked event);
    }

    record Reserved(OrderId orderId, List<ReservationLine> lines, Instant expiresAt) implements ReservationEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.reserved(this);
        }
    }

    /** Nothing was reserved for the order. */
    record Rejected(OrderId orderId, String reason, List<Shortage> shortages) implements ReservationEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.rejected(this);
        }
    }

    record Released(OrderId orderId, List<ReservationLine> lines, String reason) implements ReservationEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.released(this);
        }
    }

    record Committed(OrderId orderId, List<ReservationLine> lines) implements ReservationEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.committed(this);
        }
    }

    /** Goods committed to the order are back on hand: it was cancelled after it was paid. */
    record Restocked(OrderId orderId, List<ReservationLine> lines, String reason) implements ReservationEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.restocked(this);
        }
    }
}
