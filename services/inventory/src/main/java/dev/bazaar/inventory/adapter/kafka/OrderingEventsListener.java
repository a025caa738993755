package dev.bazaar.inventory.adapter.kafka;

import java.util.List;
import java.util.function.Supplier;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.application.OrderCancelled;
import dev.bazaar.inventory.reservation.application.OrderConfirmed;
import dev.bazaar.inventory.reservation.application.OrderPlaced;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.platform.messaging.InboundEvent;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows the orders: reserves stock when one is placed, releases it when one is cancelled and
 * commits it when one is confirmed. Ordering's other facts (rejected, shipped, delivered) change
 * no stock and are ignored.
 */
@Component
class OrderingEventsListener {

    private final Inbox inbox;
    private final StockReservations reservations;

    OrderingEventsListener(Inbox inbox, StockReservations reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
    }

    @KafkaListener(topics = "ordering.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        switch (event.type()) {
            case "OrderPlaced" -> reservations.on(read(event, () -> event.payload(OrderPlacedView.class).toFact()));
            case "OrderCancelled" -> reservations.on(read(event, () -> event.payload(OrderCancelledView.class).toFact()));
            case "OrderConfirmed" -> reservations.on(read(event, () -> event.payload(OrderConfirmedView.class).toFact()));
            default -> {
            }
        }
    }

    /** An event that breaks its contract will not get better by retrying: it is dead-lettered at once. */
    private static <T> T read(InboundEvent event, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " breaks its contract: " + e.getMessage());
        }
    }

    /** The part of ordering's OrderPlaced that inventory reads: which order, and what it asks for. */
    record OrderPlacedView(String orderId, List<LineView> lines) {
        OrderPlaced toFact() {
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("an order has at least one line");
            }
            return new OrderPlaced(OrderId.parse(orderId), lines.stream().map(LineView::toLine).toList());
        }
    }

    record LineView(String sku, Integer quantity) {
        ReservationLine toLine() {
            if (quantity == null) {
                throw new IllegalArgumentException("a line of " + sku + " has no quantity");
            }
            return new ReservationLine(new Sku(sku), quantity);
        }
    }

    record OrderCancelledView(String orderId, String reason) {
        OrderCancelled toFact() {
            return new OrderCancelled(OrderId.parse(orderId), reason);
        }
    }

    record OrderConfirmedView(String orderId) {
        OrderConfirmed toFact() {
            return new OrderConfirmed(OrderId.parse(orderId));
        }
    }
}
