package dev.bazaar.payment.adapter.kafka;

import dev.bazaar.payment.payment.application.PaymentProcessing;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** What payment reads from inventory: whether an order's stock is reserved, which decides whether it is charged. */
@Component
class InventoryEvents {

    private final Inbox inbox;
    private final PaymentProcessing processing;

    InventoryEvents(Inbox inbox, PaymentProcessing processing) {
        this.inbox = inbox;
        this.processing = processing;
    }

    @KafkaListener(topics = "inventory.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        switch (event.type()) {
            case "StockReserved" -> processing.on(event.payload(StockReservedView.class).toCommand());
            case "StockRejected" -> processing.on(event.payload(StockRejectedView.class).toCommand());
            default -> {
                // Releases and commits of stock do not concern payment (tolerant reader).
            }
        }
    }

    /** Only the order matters to payment; the reserved lines are inventory's business. */
    record StockReservedView(String orderId) {
        PaymentProcessing.StockReserved toCommand() {
            return Views.read("StockReserved", () -> new PaymentProcessing.StockReserved(Views.uuid(orderId)));
        }
    }

    record StockRejectedView(String orderId, String reason) {
        PaymentProcessing.StockRejected toCommand() {
            return Views.read("StockRejected", () -> new PaymentProcessing.StockRejected(Views.uuid(orderId),
                    reason == null || reason.isBlank() ? "unspecified" : reason));
        }
    }
}
