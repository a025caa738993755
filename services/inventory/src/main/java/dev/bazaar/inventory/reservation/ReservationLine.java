package dev.bazaar.inventory.reservation;

import java.util.Objects;

import dev.bazaar.inventory.stock.Sku;

/** A quantity of one SKU, asked for by an order or set aside for it. */
public record ReservationLine(Sku sku, int quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("A quantity of " + sku + " is positive, was " + quantity);
        }
    }
}
