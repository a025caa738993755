package dev.bazaar.inventory.stock;

import java.util.Objects;

/**
 * The stock of one SKU. Of what is on hand, part is reserved for orders that are not yet paid;
 * the rest is available. Nothing is ever reserved beyond what is on hand.
 */
public final class StockItem {

    private final Sku sku;
    private int onHand;
    private int reserved;

    public StockItem(Sku sku, int onHand, int reserved) {
        this.sku = Objects.requireNonNull(sku, "sku");
        if (reserved < 0 || onHand < reserved) {
            throw new IllegalArgumentException("Stock of " + sku + " needs 0 <= reserved <= on hand, was " + reserved + " of " + onHand);
        }
        this.onHand = onHand;
        this.reserved = reserved;
    }

    /** A SKU just put on sale, with nothing reserved yet. */
    public static StockItem stocked(Sku sku, int onHand) {
        return new StockItem(sku, onHand, 0);
    }

    public int available() {
        return onHand - reserved;
    }

    /** Goods arrived at the warehouse. */
    public void receive(int quantity) {
        requirePositive(quantity, "receive");
        try {
            onHand = Math.addExact(onHand, quantity);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Receiving " + quantity + " of " + sku + " exceeds what can be counted");
        }
    }

    /** Sets goods aside for an order. */
    public void reserve(int quantity) {
        requirePositive(quantity, "reserve");
        if (quantity > available()) {
            throw new IllegalStateException("Only " + available() + " of " + sku + " are available, cannot reserve " + quantity);
        }
        reserved += quantity;
    }

    /** Gives goods set aside for an order back to available stock. */
    public void release(int quantity) {
        requirePositive(quantity, "release");
        requireReserved(quantity, "release");
        reserved -= quantity;
    }

    /** Goods set aside for an order leave the warehouse with it. */
    public void commit(int quantity) {
        requirePositive(quantity, "commit");
        requireReserved(quantity, "commit");
        reserved -= quantity;
        onHand -= quantity;
    }

    public Sku sku() {
        return sku;
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    private void requireReserved(int quantity, String action) {
        if (quantity > reserved) {
            throw new IllegalStateException("Only " + reserved + " of " + sku + " are reserved, cannot " + action + " " + quantity);
        }
    }

    private void requirePositive(int quantity, String action) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("Cannot " + action + " " + quantity + " of " + sku + ": a quantity is positive");
        }
    }
}
