package dev.bazaar.inventory.stock;

import java.util.Objects;

/**
 * The stock of one SKU. Of what is on hand, part is reserved for orders that are not yet paid;
 * the rest is available. Nothing is ever reserved beyond what is on hand.
 *
 * <p>What is on hand is never set, only counted: it is what the SKU started with, plus what was
 * received, less what left with orders and did not come back ({@code onHand == initial + received
 * - committed}), so an audit can tell a leak from a sale.
 */
public final class StockItem {

    private final Sku sku;
    private final int initial;
    private int received;
    private int committed;
    private int onHand;
    private int reserved;

    public StockItem(Sku sku, int initial, int received, int committed, int reserved) {
        this.sku = Objects.requireNonNull(sku, "sku");
        if (initial < 0 || received < 0 || committed < 0) {
            throw new IllegalArgumentException("Stock of " + sku + " counts no negative quantity, was initial " + initial
                    + ", received " + received + ", committed " + committed);
        }
        long onHand = (long) initial + received - committed;
        if (onHand > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Stock of " + sku + " exceeds what can be counted");
        }
        if (reserved < 0 || onHand < reserved) {
            throw new IllegalArgumentException("Stock of " + sku + " needs 0 <= reserved <= on hand, was " + reserved + " of " + onHand);
        }
        this.initial = initial;
        this.received = received;
        this.committed = committed;
        this.onHand = (int) onHand;
        this.reserved = reserved;
    }

    /** Stock whose every unit on hand was there from the start. */
    public StockItem(Sku sku, int onHand, int reserved) {
        this(sku, onHand, 0, 0, reserved);
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
            int newOnHand = Math.addExact(onHand, quantity);
            received = Math.addExact(received, quantity);
            onHand = newOnHand;
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
        committed += quantity;
    }

    /** Goods that had left with an order are back on the shelf: the order was cancelled before they reached anyone. */
    public void restock(int quantity) {
        requirePositive(quantity, "restock");
        if (quantity > committed) {
            throw new IllegalStateException("Only " + committed + " of " + sku + " left with orders, cannot restock " + quantity);
        }
        committed -= quantity;
        onHand += quantity;
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

    /** What the SKU was first stocked with. */
    public int initial() {
        return initial;
    }

    /** All goods received since. */
    public int received() {
        return received;
    }

    /** Units that left with orders and were not restocked. */
    public int committed() {
        return committed;
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
