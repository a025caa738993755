package dev.bazaar.inventory.reservation.application;

import java.util.Objects;

import dev.bazaar.inventory.reservation.OrderId;

/** Ordering gave an order up, for the given reason. */
public record OrderCancelled(OrderId orderId, String reason) {

    public OrderCancelled {
        Objects.requireNonNull(orderId, "order id");
    }
}
