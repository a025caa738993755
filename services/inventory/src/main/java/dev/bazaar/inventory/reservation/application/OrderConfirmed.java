package dev.bazaar.inventory.reservation.application;

import java.util.Objects;

import dev.bazaar.inventory.reservation.OrderId;

/** Ordering has the order paid: it will be shipped. */
public record OrderConfirmed(OrderId orderId) {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "order id");
    }
}
