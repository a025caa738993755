package dev.bazaar.ordering.order;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands in the saga. DELIVERED, REJECTED and CANCELLED are final. */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLED;

    /** The statuses an order in this one may move to; a cancellation after shipping means the shipment failed. */
    public Set<OrderStatus> next() {
        switch (this) {
            case PENDING:
                return EnumSet.of(CONFIRMED, REJECTED, CANCELLED);
            case CONFIRMED:
                return EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED:
                return EnumSet.of(DELIVERED, CANCELLED);
            default:
                return EnumSet.noneOf(OrderStatus.class);
        }
    }

    public boolean canBecome(OrderStatus status) {
        return next().contains(status);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
