package dev.bazaar.inventory.adapter.web;

import java.util.List;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is set aside for an order: for its shopper, and for operators and drills that check that stock never leaks.
 * Another shopper's reservation is answered as unknown, so that order ids cannot be probed.
 */
@RestController
@RequestMapping("/api/inventory/reservations")
class ReservationController {

    private final StockReservations reservations;

    ReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @GetMapping("/{orderId}")
    ReservationView reservation(@PathVariable String orderId, Caller caller) {
        ErrorResponseException unknown = Problems.exception(HttpStatus.NOT_FOUND, "unknown-reservation", "Unknown reservation",
                "No stock is reserved for order " + orderId);
        OrderId id;
        try {
            id = OrderId.parse(orderId);
        } catch (IllegalArgumentException e) {
            throw unknown;
        }
        return reservations.find(id).filter(reservation -> caller.mayRead(reservation.customerId())).map(ReservationView::of)
                .orElseThrow(() -> unknown);
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
