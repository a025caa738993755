package dev.bazaar.inventory.reservation.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.reservation.Allocation;
import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationEvent;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.Reservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.StockItems;
import dev.bazaar.platform.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inventory's part in the order saga. Each handler is one transaction that locks the stock it
 * touches, changes it and appends its event, so stock and what is announced about it never
 * disagree, and concurrent orders for the same SKU take turns instead of overselling.
 *
 * <p>Every handler returns the event it published, or nothing when the fact needed no change.
 */
@Service
public class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);
    private static final String CANCELLED = "order cancelled";

    private final Reservations reservations;
    private final StockItems stockItems;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration ttl;

    public StockReservations(Reservations reservations, StockItems stockItems, Outbox outbox, Clock clock, InventoryProperties properties) {
        this.reservations = reservations;
        this.stockItems = stockItems;
        this.outbox = outbox;
        this.clock = clock;
        this.ttl = properties.reservationTtl();
    }

    /** Reserves every line of the order, or none of them, and says which. */
    @Transactional
    public Optional<ReservationEvent> on(OrderPlaced placed) {
        if (reservations.find(placed.orderId()).isPresent()) {
            // The inbox skips a redelivered event; this skips the same order announced again under another
            // event id (a producer's replay), which must not set its goods aside twice.
            log.info("Order {} has a reservation already; its OrderPlaced is not applied again", placed.orderId());
            return Optional.empty();
        }
        Map<Sku, StockItem> stock = stockItems.findForUpdate(placed.lines().stream().map(ReservationLine::sku).toList());
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        Allocation allocation = Reservation.allocate(placed.orderId(), placed.lines(), stock, expiresAt);
        if (allocation instanceof Allocation.Reserved reserved) {
            Reservation reservation = reserved.reservation();
            reservations.add(reservation);
            reservation.skus().forEach(sku -> stockItems.update(stock.get(sku)));
        }
        return Optional.of(publish(allocation.event()));
    }

    /** Gives the order's goods back to available stock. */
    @Transactional
    public Optional<ReservationEvent> on(OrderCancelled cancelled) {
        Optional<Reservation> found = reservations.findForUpdate(cancelled.orderId());
        if (found.isEmpty()) {
            // An order that inventory rejected has no reservation; ordering may still cancel it, and then there
            // is nothing to give back. Knowingly not an error.
            return Optional.empty();
        }
        Reservation reservation = found.get();
        if (!reservation.isHeld()) {
            // Released already (the same cancellation announced twice), or committed: those goods have left the
            // warehouse with the order, and a cancellation does not bring them back on the shelf.
            log.info("Order {} was cancelled but its reservation is {}; nothing to release", cancelled.orderId(), reservation.status());
            return Optional.empty();
        }
        Map<Sku, StockItem> stock = stockItems.findForUpdate(reservation.skus());
        ReservationEvent.Released released = reservation.release(stock, reason(cancelled));
        save(reservation, stock);
        return Optional.of(publish(released));
    }

    /** The order is paid: its goods leave on-hand stock with it. */
    @Transactional
    public Optional<ReservationEvent> on(OrderConfirmed confirmed) {
        Optional<Reservation> found = reservations.findForUpdate(confirmed.orderId());
        if (found.isEmpty() || !found.get().isHeld()) {
            // Payment charges only orders with stock reserved, so this is a confirmation announced twice, or one
            // that arrived after the reservation was given up. There is nothing left to commit either way; the
            // warning makes the second case visible without stopping the partition.
            log.warn("Order {} was confirmed but has {}; nothing to commit", confirmed.orderId(),
                    found.map(r -> "a reservation that is " + r.status()).orElse("no reservation"));
            return Optional.empty();
        }
        Reservation reservation = found.get();
        Map<Sku, StockItem> stock = stockItems.findForUpdate(reservation.skus());
        ReservationEvent.Committed committed = reservation.commit(stock);
        save(reservation, stock);
        return Optional.of(publish(committed));
    }

    @Transactional(readOnly = true)
    public Optional<Reservation> find(OrderId orderId) {
        return reservations.find(orderId);
    }

    private void save(Reservation reservation, Map<Sku, StockItem> stock) {
        reservations.update(reservation);
        reservation.skus().forEach(sku -> stockItems.update(stock.get(sku)));
    }

    private static String reason(OrderCancelled cancelled) {
        return cancelled.reason() == null || cancelled.reason().isBlank() ? CANCELLED : CANCELLED + ": " + cancelled.reason();
    }

    private ReservationEvent publish(ReservationEvent event) {
        outbox.append(PublishedLanguage.type(event), event.orderId().toString(), PublishedLanguage.payload(event));
        return event;
    }
}
