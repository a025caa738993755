package dev.bazaar.ordering.order.application;

import dev.bazaar.ordering.order.OrderId;

public class UnknownOrder extends RuntimeException {

    public UnknownOrder(OrderId id) {
        this(id.toString());
    }

    public UnknownOrder(String id) {
        super("No order has id " + id);
    }
}
