package dev.bazaar.ordering.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands in the saga. DELIVERED, REJECTED and CANCELLED are final. CANCELLING is an order given up after
 * its confirmation, waiting for fulfillment to say that nothing was delivered: it ends CANCELLED (and refunded) when
 * fulfillment cancelled or recalled the shipment, DELIVERED when the parcel had arrived already.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, CANCELLING, DELIVERED, REJECTED, CANCELLED;

    /**
     * The statuses an order in this one may move to. Straight from CONFIRMED or SHIPPED to CANCELLED is fulfillment's
     * own word: the shipment failed.
     */
    public Set<OrderStatus> next() {
        switch (this) {
            case PENDING:
                return EnumSet.of(CONFIRMED, REJECTED, CANCELLED);
            case CONFIRMED:
                return EnumSet.of(SHIPPED, CANCELLING, CANCELLED);
            case SHIPPED:
                return EnumSet.of(DELIVERED, CANCELLING, CANCELLED);
            case CANCELLING:
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
