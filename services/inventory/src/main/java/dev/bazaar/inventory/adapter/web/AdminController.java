package dev.bazaar.inventory.adapter.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationStatus;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators and the launcher's audit read of inventory, on its own port only (the gateway
 * does not route /admin): every SKU's counts, and every reservation, so that "stock never leaks"
 * can be checked against ordering's orders.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

    private final StockKeeping stock;
    private final StockReservations reservations;

    AdminController(StockKeeping stock, StockReservations reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    /** Every SKU in SKU order; {@code onHand == initial + received - committed} holds for each. */
    @GetMapping("/stock")
    Page<StockView> stock(@RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        return stock.list(new PageRequest(page, size)).map(StockView::of);
    }

    /**
     * Every reservation by order id (PostgreSQL's uuid order); {@code ?status=HELD} (or COMMITTED, RELEASED, RESTOCKED)
     * for those only. {@code after} (the previous page's last order id) and {@code through} bound the order ids, so that
     * the audit reads the reservations of exactly the orders it has read.
     */
    @GetMapping("/reservations")
    Page<ReservationView> reservations(@RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) UUID after,
                                       @RequestParam(required = false) UUID through) {
        return reservations.list(status(status), after == null ? null : new OrderId(after),
                through == null ? null : new OrderId(through), PageRequest.of(page, size, after)).map(ReservationView::of);
    }

    private static Optional<ReservationStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReservationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "status must be one of " + List.of(ReservationStatus.values()) + ", was " + status);
        }
    }

    record StockView(String sku, int onHand, int reserved, int available, int initial, int received, int committed) {
        static StockView of(StockItem item) {
            return new StockView(item.sku().value(), item.onHand(), item.reserved(), item.available(), item.initial(),
                    item.received(), item.committed());
        }
    }

    record LineView(String sku, int quantity) {
    }

    record ReservationView(String orderId, String status, List<LineView> lines, String expiresAt) {
        static ReservationView of(Reservation reservation) {
            return new ReservationView(reservation.orderId().toString(), reservation.status().name(),
                    reservation.lines().stream().map(line -> new LineView(line.sku().value(), line.quantity())).toList(),
                    reservation.expiresAt().toString());
        }
    }
}
