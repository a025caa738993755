package dev.bazaar.inventory.reservation;

import java.time.Instant;
import java.util.List;

/** Facts about reservations that inventory publishes on {@code inventory.events}. */
public sealed interface ReservationEvent {

    OrderId orderId();

    record Reserved(OrderId orderId, List<ReservationLine> lines, Instant expiresAt) implements ReservationEvent {
    }

    /** Nothing was reserved for the order. */
    record Rejected(OrderId orderId, String reason, List<Shortage> shortages) implements ReservationEvent {
    }

    record Released(OrderId orderId, List<ReservationLine> lines, String reason) implements ReservationEvent {
    }

    record Committed(OrderId orderId, List<ReservationLine> lines) implements ReservationEvent {
    }

    /** Goods committed to the order are back on hand: it was cancelled after it was paid. */
    record Restocked(OrderId orderId, List<ReservationLine> lines, String reason) implements ReservationEvent {
    }
}
