package dev.bazaar.ordering.order;

import java.time.Instant;
import java.util.Objects;

/**
 * An order as its customer's order list shows it. It is a function of the order alone, so the one
 * kept up to date with every change and the one rebuilt from the streams cannot differ.
 *
 * @param version how many events the order had: of two summaries of one order, the higher is the newer
 */
public record OrderSummary(OrderId orderId, CustomerId customerId, OrderStatus status, Money total, Instant placedAt,
                           Instant updatedAt, int version) {

    public OrderSummary {
        Objects.requireNonNull(orderId, "order id");
        Objects.requireNonNull(customerId, "customer id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placed at");
        Objects.requireNonNull(updatedAt, "updated at");
    }

    /** @throws IllegalArgumentException for an order not placed yet, which no customer has */
    public static OrderSummary of(Order order) {
        if (order.status() == null) {
            throw new IllegalArgumentException("Order " + order.id() + " is not placed, it has no summary");
        }
        return new OrderSummary(order.id(), order.customerId(), order.status(), order.total(), order.placedAt(),
                order.updatedAt(), order.version());
    }
}
