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

    /**
     * The event's name in the stream and on ordering.events: OrderPlaced, OrderConfirmed, … It is stored
     * in order_event and published, so it must never change: each record declares it as a literal, and
     * renaming a class leaves it alone.
     */
    String type();

    /** Why, for the events that have a reason; null otherwise. */
    default String reason() {
        return null;
    }

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R placed(Placed event);

        R confirmed(Confirmed event);

        R rejected(Rejected event);

        R cancellationRequested(CancellationRequested event);

        R cancelled(Cancelled event);

        R shipped(Shipped event);

        R delivered(Delivered event);
    }

    record Placed(OrderId orderId, CustomerId customerId, List<OrderLine> lines, Money total, CardReference card,
                  Instant at) implements OrderEvent {
        public Placed {
            lines = List.copyOf(lines);
        }

        @Override
        public String type() {
            return "OrderPlaced";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.PENDING;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.placed(this);
        }
    }

    record Confirmed(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public String type() {
            return "OrderConfirmed";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.CONFIRMED;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.confirmed(this);
        }
    }

    record Rejected(OrderId orderId, String reason, Instant at) implements OrderEvent {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "OrderRejected";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.REJECTED;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.rejected(this);
        }
    }

    /**
     * Given up after its confirmation: fulfillment is asked to stop the shipment, and the order is cancelled (and
     * refunded) only once it answers that nothing was delivered. The reason is the cancellation's, kept until then.
     */
    record CancellationRequested(OrderId orderId, String reason, Instant at) implements OrderEvent {
        public CancellationRequested {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "OrderCancellationRequested";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.CANCELLING;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.cancellationRequested(this);
        }
    }

    record Cancelled(OrderId orderId, String reason, Instant at) implements OrderEvent {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "OrderCancelled";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.CANCELLED;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.cancelled(this);
        }
    }

    record Shipped(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public String type() {
            return "OrderShipped";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.SHIPPED;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.shipped(this);
        }
    }

    record Delivered(OrderId orderId, Instant at) implements OrderEvent {
        @Override
        public String type() {
            return "OrderDelivered";
        }

        @Override
        public OrderStatus status() {
            return OrderStatus.DELIVERED;
        }

        @Override
        public <R> R match(Cases<R> cases) {
            return cases.delivered(this);
        }
    }
}
