package dev.bazaar.ordering.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What happened to an order: the only source of its state. */
public sealed interface OrderEvent {

    OrderId orderId();

    Instant at();

    /** The status the order is in once this happened. */
    OrderStatus status();

    /** The event's name in the stream and on ordering.events: OrderPlaced, OrderConfirmed, … */
    default String type() {
        return "Order" + getClass().getSimpleName();
    }

    /** Why, for the events that have a reason; null otherwise. */
    default String reason() {
        return null;
    }

    record Placed(OrderId orderId, CustomerId customerId, List<OrderLine> lines, Money total, CardReference card,
                  Instant at) implements OrderEvent {
        public Placed {
            lines = List.copyOf(lines);
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.PENDING;
        }
    }

    record Confirmed(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public OrderStatus status() {
            return OrderStatus.CONFIRMED;
        }
    }

    record Rejected(OrderId orderId, String reason, Instant at) implements OrderEvent {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.REJECTED;
        }
    }

    record Cancelled(OrderId orderId, String reason, Instant at) implements OrderEvent {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.CANCELLED;
        }
    }

    record Shipped(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public OrderStatus status() {
            return OrderStatus.SHIPPED;
        }
    }

    record Delivered(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public OrderStatus status() {
            return OrderStatus.DELIVERED;
        }
    }
}
