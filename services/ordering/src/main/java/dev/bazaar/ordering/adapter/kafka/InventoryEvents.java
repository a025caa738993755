package dev.bazaar.ordering.adapter.kafka;

import java.util.List;

import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Inventory's answer to an order: a shortage rejects it; stock released before the order was paid
 * for (an expired reservation) cancels it; a reservation changes nothing here (payment acts on it).
 */
@Component
class InventoryEvents {

    private final Inbox inbox;
    private final OrderSaga saga;

    InventoryEvents(Inbox inbox, OrderSaga saga) {
        this.inbox = inbox;
        this.saga = saga;
    }

    @KafkaListener(topics = "inventory.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    void handle(InboundEvent event) {
        switch (event.type()) {
            case "StockRejected" -> {
                StockRejected rejected = event.payload(StockRejected.class);
                saga.onStockRejected(Read.orderId(event, rejected.orderId()), rejected.describe());
            }
            case "StockReleased" -> {
                StockReleased released = event.payload(StockReleased.class);
                saga.onStockReleased(Read.orderId(event, released.orderId()), released.reason());
            }
            default -> {
                // Tolerant reader: StockReserved, StockCommitted, StockRestocked and anything else change nothing in an order.
            }
        }
    }

    /** Only the order matters: whatever the lines and the reason, its stock is no longer set aside. */
    record StockReleased(String orderId, String reason) {
    }

    record StockRejected(String orderId, String reason, List<Shortage> shortages) {

        /** The reason, with the SKUs that were short, as customers and support want to read it. */
        String describe() {
            String why = reason == null || reason.isBlank() ? "insufficient stock" : reason;
            if (shortages == null || shortages.isEmpty()) {
                return why;
            }
            return why + ": " + String.join(", ", shortages.stream().map(Shortage::sku).toList());
        }
    }

    record Shortage(String sku, int requested, int available) {
    }
}
