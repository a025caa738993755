package dev.bazaar.ordering.order;

import java.util.Objects;

/** A product in an order, at the unit price it had when the order was placed. */
public record OrderLine(Sku sku, String name, int quantity, Money unitPrice) {

    public static final int MAX_QUANTITY = 1000;

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unit price");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("The quantity of " + sku + " must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
        }
    }

    public Money subtotal() {
        return unitPrice.times(quantity);
    }
}
