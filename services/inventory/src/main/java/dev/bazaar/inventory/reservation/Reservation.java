package dev.bazaar.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;

/**
 * The stock set aside for one order. An order gets all of its lines or nothing, so a reservation
 * is made from every stock item it touches at once; it is then HELD until the order is paid
 * ({@link #commit}), given up ({@link #release}) or left unpaid past its expiry ({@link #expire}),
 * each of which happens at most once. A committed order that is cancelled after all brings its
 * goods back ({@link #restock}). It keeps the customer who placed the order: theirs to see, no other shopper's.
 */
public final class Reservation {

    private static final String INSUFFICIENT_STOCK = "insufficient stock";
    /** The reason an expired reservation is released with; ordering cancels a pending order on it. */
    public static final String EXPIRED = "reservation expired";

    private final OrderId orderId;
    private final UUID customerId;
    private final List<ReservationLine> lines;
    private final Instant expiresAt;
    private ReservationStatus status;

    /** @param customerId who placed the order; null for a reservation made before inventory kept it */
    public Reservation(OrderId orderId, UUID customerId, List<ReservationLine> lines, ReservationStatus status, Instant expiresAt) {
        this.orderId = Objects.requireNonNull(orderId, "order id");
        this.customerId = customerId;
        this.lines = List.copyOf(lines);
        this.status = Objects.requireNonNull(status, "status");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiry");
        if (this.lines.isEmpty()) {
            throw new IllegalArgumentException("A reservation has at least one line");
        }
    }

    /**
     * Reserves every line of an order from the given stock, or nothing at all when any SKU is
     * short or unknown. Lines of the same SKU count together.
     *
     * @param customerId who placed the order
     * @param stock      the stock items of the order's SKUs, as far as they are known
     */
    public static Allocation allocate(OrderId orderId, UUID customerId, List<ReservationLine> requested, Map<Sku, StockItem> stock,
                                      Instant expiresAt) {
        Objects.requireNonNull(customerId, "customer id");
        List<ReservationLine> lines = perSku(requested);
        List<Shortage> shortages = new ArrayList<>();
        for (ReservationLine line : lines) {
            StockItem item = stock.get(line.sku());
            int available = item == null ? 0 : item.available();
            if (line.quantity() > available) {
                shortages.add(new Shortage(line.sku(), line.quantity(), available));
            }
        }
        if (!shortages.isEmpty()) {
            return new Allocation.Rejected(new ReservationEvent.Rejected(orderId, reason(shortages, stock), shortages));
        }
        lines.forEach(line -> stock.get(line.sku()).reserve(line.quantity()));
        Reservation reservation = new Reservation(orderId, customerId, lines, ReservationStatus.HELD, expiresAt);
        return new Allocation.Reserved(reservation, new ReservationEvent.Reserved(orderId, lines, expiresAt));
    }

    /** The order was paid: its goods leave the warehouse. */
    public ReservationEvent.Committed commit(Map<Sku, StockItem> stock) {
        requireHeld("commit");
        lines.forEach(line -> item(stock, line).commit(line.quantity()));
        status = ReservationStatus.COMMITTED;
        return new ReservationEvent.Committed(orderId, lines);
    }

    /** The order was given up: its goods become available to others again. */
    public ReservationEvent.Released release(Map<Sku, StockItem> stock, String reason) {
        requireHeld("release");
        lines.forEach(line -> item(stock, line).release(line.quantity()));
        status = ReservationStatus.RELEASED;
        return new ReservationEvent.Released(orderId, lines, reason);
    }

    /**
     * The order was not paid in time: its goods become available to others again.
     *
     * @throws IllegalStateException when the reservation is not held, or not yet due to expire at {@code now}
     */
    public ReservationEvent.Released expire(Map<Sku, StockItem> stock, Instant now) {
        requireHeld("expire");
        if (now.isBefore(expiresAt)) {
            throw new IllegalStateException("The reservation of order " + orderId + " is held until " + expiresAt
                    + ", it cannot expire at " + now);
        }
        return release(stock, EXPIRED);
    }

    /** The paid order was cancelled before its goods reached anyone: they are back on hand. */
    public ReservationEvent.Restocked restock(Map<Sku, StockItem> stock, String reason) {
        if (status != ReservationStatus.COMMITTED) {
            throw new IllegalStateException("The reservation of order " + orderId + " is " + status + ", it cannot restock");
        }
        lines.forEach(line -> item(stock, line).restock(line.quantity()));
        status = ReservationStatus.RESTOCKED;
        return new ReservationEvent.Restocked(orderId, lines, reason);
    }

    public boolean isHeld() {
        return status == ReservationStatus.HELD;
    }

    public List<Sku> skus() {
        return lines.stream().map(ReservationLine::sku).toList();
    }

    public OrderId orderId() {
        return orderId;
    }

    /** Who placed the order; null for a reservation made before inventory kept it (only staff see those). */
    public UUID customerId() {
        return customerId;
    }

    public List<ReservationLine> lines() {
        return lines;
    }

    public ReservationStatus status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    private void requireHeld(String action) {
        if (status != ReservationStatus.HELD) {
            throw new IllegalStateException("The reservation of order " + orderId + " is " + status + ", it cannot " + action);
        }
    }

    private StockItem item(Map<Sku, StockItem> stock, ReservationLine line) {
        StockItem item = stock.get(line.sku());
        if (item == null) {
            throw new IllegalArgumentException("The stock of " + line.sku() + " reserved for order " + orderId + " is missing");
        }
        return item;
    }

    private static List<ReservationLine> perSku(List<ReservationLine> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new IllegalArgumentException("An order asks for at least one line");
        }
        Map<Sku, Integer> quantities = new LinkedHashMap<>();
        try {
            requested.forEach(line -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("An order asks for more of one SKU than can be counted");
        }
        return quantities.entrySet().stream().map(e -> new ReservationLine(e.getKey(), e.getValue())).toList();
    }

    private static String reason(List<Shortage> shortages, Map<Sku, StockItem> stock) {
        String insufficient = shortages.stream().filter(s -> stock.containsKey(s.sku())).map(s -> s.sku().value())
                .collect(Collectors.joining(", "));
        String unknown = shortages.stream().filter(s -> !stock.containsKey(s.sku())).map(s -> s.sku().value())
                .collect(Collectors.joining(", "));
        List<String> parts = new ArrayList<>();
        if (!insufficient.isEmpty()) {
            parts.add(INSUFFICIENT_STOCK + " of " + insufficient);
        }
        if (!unknown.isEmpty()) {
            parts.add("unknown SKU " + unknown);
        }
        return String.join("; ", parts);
    }
}
