package dev.bazaar.ordering.adapter.kafka;

import java.util.List;

import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Inventory's answer to an order: a shortage rejects it; a reservation changes nothing here (payment acts on it). */
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
        if ("StockRejected".equals(event.type())) {
            StockRejected rejected = event.payload(StockRejected.class);
            saga.onStockRejected(Read.orderId(event, rejected.orderId()), rejected.describe());
        }
        // Tolerant reader: StockReserved, StockReleased and StockCommitted change nothing in an order.
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
