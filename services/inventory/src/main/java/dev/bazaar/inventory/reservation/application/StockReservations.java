package dev.bazaar.inventory.reservation.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.reservation.Allocation;
import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationEvent;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.ReservationStatus;
import dev.bazaar.inventory.reservation.Reservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.StockItems;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
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
    private final ExpiredReservations expiredReservations;
    private final StockItems stockItems;
    private final Outbox outbox;
    private final StockMetrics metrics;
    private final Clock clock;
    private final Duration ttl;
    private final Traces traces;

    public StockReservations(Reservations reservations, ExpiredReservations expiredReservations, StockItems stockItems,
                             Outbox outbox, StockMetrics metrics, Clock clock, InventoryProperties properties, Traces traces) {
        this.reservations = reservations;
        this.expiredReservations = expiredReservations;
        this.stockItems = stockItems;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = properties.reservationTtl();
        this.traces = traces;
    }

    /**
     * Reserves every line of the order, or none of them, and says which. An order seen before (reserved, rejected,
     * or cancelled before its placement arrived) is left as it is: a placement redriven or replayed late never sets
     * goods aside for an order that will not take them.
     */
    @Transactional
    public Optional<ReservationEvent> on(OrderPlaced placed) {
        Optional<String> known = reservations.knownAlready(placed.orderId());
        if (known.isPresent()) {
            // The inbox skips a redelivered event; this skips the same order announced again under another
            // event id (a producer's replay), which must not set its goods aside twice, or after it was closed here.
            log.info("Order {} is known here already ({}); its OrderPlaced reserves nothing", placed.orderId(), known.get());
            return Optional.empty();
        }
        Map<Sku, StockItem> stock = stockItems.findForUpdate(placed.lines().stream().map(ReservationLine::sku).toList());
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        Allocation allocation = Reservation.allocate(placed.orderId(), placed.customerId(), placed.lines(), stock, expiresAt);
        if (allocation instanceof Allocation.Reserved reserved) {
            Reservation reservation = reserved.reservation();
            // Stored with this trace's context: should the reservation expire, its release is part of the order's trace.
            reservations.add(reservation);
            reservation.skus().forEach(sku -> stockItems.update(stock.get(sku)));
            log.info("Order {}: stock reserved until {}", placed.orderId(), expiresAt);
        } else {
            reservations.close(placed.orderId(), "stock rejected");
            log.info("Order {}: stock rejected, not enough available", placed.orderId());
        }
        metrics.allocated(allocation, stock);
        return Optional.of(publish(allocation.event()));
    }

    /**
     * Gives the order's goods back: to available stock when they were only set aside, to on-hand
     * stock when they had been committed to the order (a paid order cancelled after all, because the
     * carrier refused it or its saga ran out of time, before its goods reached anyone).
     */
    @Transactional
    public Optional<ReservationEvent> on(OrderCancelled cancelled) {
        Optional<Reservation> found = reservations.findForUpdate(cancelled.orderId());
        if (found.isEmpty()) {
            // Rejected here, or cancelled before its placement arrived (redriven or replayed late, say): nothing to give
            // back, and nothing must be reserved should the placement come after all.
            reservations.close(cancelled.orderId(), reason(cancelled));
            return Optional.empty();
        }
        Reservation reservation = found.get();
        if (reservation.status() == ReservationStatus.RELEASED || reservation.status() == ReservationStatus.RESTOCKED) {
            // The goods are back already: the same cancellation announced twice, or the cancellation that
            // follows an expired reservation (ordering cancels the order when it hears StockReleased).
            log.info("Order {} was cancelled but its reservation is {} already; nothing to give back",
                    cancelled.orderId(), reservation.status());
            return Optional.empty();
        }
        Map<Sku, StockItem> stock = stockItems.findForUpdate(reservation.skus());
        ReservationEvent event = reservation.isHeld()
                ? reservation.release(stock, reason(cancelled))
                : reservation.restock(stock, reason(cancelled));
        save(reservation, stock);
        return Optional.of(publish(event));
    }

    /**
     * The order is paid: its goods leave on-hand stock with it.
     *
     * <p>A confirmation that arrives after the reservation expired commits nothing. Those goods were
     * given back and may be reserved by another order by now: committing them would take stock that
     * inventory no longer holds for this order, and could oversell. Inventory announced
     * StockReleased("reservation expired") when it let them go, and ordering cancels the order on it,
     * so this confirmation cannot stand; the cancellation that follows finds nothing to give back.
     * A confirmation that wins the race with the sweeper (past its expiry, but still HELD) does
     * commit: the goods are still set aside, and no StockReleased was announced.
     */
    @Transactional
    public Optional<ReservationEvent> on(OrderConfirmed confirmed) {
        Optional<Reservation> found = reservations.findForUpdate(confirmed.orderId());
        if (found.isEmpty()) {
            // Payment charges only orders with stock reserved, so this is a producer's mistake; the warning shows it
            // without stopping the partition.
            log.warn("Order {} was confirmed but has no reservation; nothing to commit", confirmed.orderId());
            return Optional.empty();
        }
        Reservation reservation = found.get();
        if (reservation.status() == ReservationStatus.RELEASED) {
            log.warn("Order {} was confirmed after its reservation was released (it expired at {}): its stock is not "
                    + "committed, and ordering is to cancel the order on the StockReleased announced then",
                    confirmed.orderId(), reservation.expiresAt());
            return Optional.empty();
        }
        if (!reservation.isHeld()) {
            // COMMITTED or RESTOCKED: the same confirmation announced again under another event id.
            log.info("Order {} was confirmed but its reservation is {}; nothing to commit", confirmed.orderId(), reservation.status());
            return Optional.empty();
        }
        Map<Sku, StockItem> stock = stockItems.findForUpdate(reservation.skus());
        ReservationEvent.Committed committed = reservation.commit(stock);
        save(reservation, stock);
        return Optional.of(publish(committed));
    }

    /**
     * Releases held reservations whose expiry has passed, at most {@code limit} of them, in one
     * transaction with their StockReleased events. Reservations that another sweeper or an order's
     * handler has locked are skipped, so instances of inventory side by side never release one twice.
     *
     * <p>Only those that expired before {@code heardUntil}: every order event published before it has been applied
     * here, so a confirmation or a cancellation sent in time has been heard. Inventory back from an outage or behind
     * its backlog would otherwise give back the stock of orders confirmed, shipped and even delivered meanwhile, whose
     * confirmations were still waiting to be read.
     *
     * @param heardUntil how far inventory has read ordering's events ({@link dev.bazaar.platform.messaging.ReadThrough})
     * @return how many reservations expired
     */
    @Transactional
    public int expireDue(int limit, Instant heardUntil) {
        // To PostgreSQL's precision, so that the rows found due are due to the domain as well.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant heard = heardUntil.truncatedTo(ChronoUnit.MICROS);
        List<Traced<Reservation>> due = expiredReservations.lockExpired(heard.isBefore(now) ? heard : now, limit);
        if (due.isEmpty()) {
            return 0;
        }
        List<Reservation> expired = due.stream().map(Traced::value).toList();
        // All their SKUs are locked in one statement, in SKU order like every other path, so a sweep never
        // holds one SKU while waiting for another that an order's handler holds the other way round.
        Map<Sku, StockItem> stock = stockItems.findForUpdate(expired.stream().flatMap(r -> r.skus().stream()).distinct().toList());
        List<ReservationEvent> released = new ArrayList<>();
        for (Reservation reservation : expired) {
            released.add(reservation.expire(stock, now));
            reservations.update(reservation);
        }
        stock.values().forEach(stockItems::update);
        // Each release a span of its order's trace: a stuck order shows where its time ran out.
        for (int i = 0; i < released.size(); i++) {
            ReservationEvent event = released.get(i);
            traces.resume(due.get(i).trace(), "reservation expiry", () -> publish(event));
        }
        metrics.expired(expired.size());
        log.info("Released {} expired reservation(s): orders {}", expired.size(),
                expired.stream().map(r -> r.orderId().toString()).collect(Collectors.joining(", ")));
        return expired.size();
    }

    /** When the first held reservation expires: what the sweeper sleeps until. Empty when none is held. */
    @Transactional(readOnly = true)
    public Optional<Instant> nextExpiry() {
        return expiredReservations.nextExpiry();
    }

    @Transactional(readOnly = true)
    public Optional<Reservation> find(OrderId orderId) {
        return reservations.find(orderId);
    }

    /**
     * A page of reservations by order id, optionally only those of one status. {@code after} and {@code through} (either
     * may be null) bound the order ids; a page so bounded is not counted.
     */
    @Transactional(readOnly = true)
    public Page<Reservation> list(Optional<ReservationStatus> status, OrderId after, OrderId through, PageRequest request) {
        List<Reservation> items = reservations.list(status, after, through, request.offset(), request.size());
        return after == null && through == null ? Page.of(items, request, reservations.count(status)) : Page.uncounted(items, request);
    }

    private void save(Reservation reservation, Map<Sku, StockItem> stock) {
        reservations.update(reservation);
        reservation.skus().forEach(sku -> stockItems.update(stock.get(sku)));
    }

    private static String reason(OrderCancelled cancelled) {
        return cancelled.reason() == null || cancelled.reason().isBlank() ? CANCELLED : CANCELLED + ": " + cancelled.reason();
    }

    private ReservationEvent publish(ReservationEvent event) {
        outbox.append(event.orderId().toString(), PublishedLanguage.payload(event));
        return event;
    }

    /** Ordering took an order: inventory needs its id, whose it is, and what it asks for. */
    public record OrderPlaced(OrderId orderId, UUID customerId, List<ReservationLine> lines) {
        public OrderPlaced {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(customerId, "customer id");
            lines = List.copyOf(lines);
        }
    }

    /** Ordering gave an order up, for the given reason. */
    public record OrderCancelled(OrderId orderId, String reason) {
        public OrderCancelled {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** Ordering has the order paid: it will be shipped. */
    public record OrderConfirmed(OrderId orderId) {
        public OrderConfirmed {
            Objects.requireNonNull(orderId, "order id");
        }
    }
}
