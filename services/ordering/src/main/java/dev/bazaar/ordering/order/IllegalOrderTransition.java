package dev.bazaar.ordering.order;

/** A change the order's rules forbid, such as confirming a cancelled order. */
public class IllegalOrderTransition extends IllegalStateException {

    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalOrderTransition(OrderId id, OrderStatus from, OrderStatus to) {
        super(from == null
                ? "Order " + id + " is not placed, it cannot become " + to
                : to == OrderStatus.PENDING ? "Order " + id + " is placed already"
                : "Order " + id + " is " + from + ", it cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
