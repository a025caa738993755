package dev.bazaar.inventory.adapter.kafka;

import java.util.List;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Follows the orders: reserves stock when one is placed, releases it when one is cancelled and
 * commits it when one is confirmed. Ordering's other facts (rejected, shipped, delivered) change
 * no stock and are skipped.
 */
@Component
class OrderingEvents extends Subscription {

    OrderingEvents(StockReservations reservations) {
        super("ordering.events");
        on("OrderPlaced", OrderPlacedView.class, OrderPlacedView::toCommand, reservations::on);
        on("OrderConfirmed", OrderConfirmedView.class, OrderConfirmedView::toCommand, reservations::on);
        on("OrderCancelled", OrderCancelledView.class, OrderCancelledView::toCommand, reservations::on);
    }

    /** The part of ordering's OrderPlaced that inventory reads: which order, whose (to show it to them), and what it asks for. */
    record OrderPlacedView(String orderId, String customerId, List<LineView> lines) {
        StockReservations.OrderPlaced toCommand() {
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("an order has at least one line");
            }
            return new StockReservations.OrderPlaced(OrderId.parse(required(orderId, "orderId")), uuid(customerId, "customerId"),
                    lines.stream().map(LineView::toLine).toList());
        }
    }

    record LineView(String sku, Integer quantity) {
        ReservationLine toLine() {
            return new ReservationLine(new Sku(required(sku, "sku")), required(quantity, "the quantity of " + sku));
        }
    }

    record OrderConfirmedView(String orderId) {
        StockReservations.OrderConfirmed toCommand() {
            return new StockReservations.OrderConfirmed(OrderId.parse(required(orderId, "orderId")));
        }
    }

    record OrderCancelledView(String orderId, String reason) {
        StockReservations.OrderCancelled toCommand() {
            return new StockReservations.OrderCancelled(OrderId.parse(required(orderId, "orderId")), reason);
        }
    }
}
