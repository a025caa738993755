package dev.bazaar.inventory.reservation.application;

import java.util.List;
import java.util.Objects;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.ReservationLine;

/** Ordering took an order: inventory needs its id and what it asks for. */
public record OrderPlaced(OrderId orderId, List<ReservationLine> lines) {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "order id");
        lines = List.copyOf(lines);
    }
}
