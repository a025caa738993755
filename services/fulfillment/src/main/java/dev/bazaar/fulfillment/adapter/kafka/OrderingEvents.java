package dev.bazaar.fulfillment.adapter.kafka;

import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** What fulfillment reads from ordering: confirmed orders to ship, cancelled ones not to. */
@Component
class OrderingEvents {

    private final Inbox inbox;
    private final Shipping shipping;

    OrderingEvents(Inbox inbox, Shipping shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
    }

    @KafkaListener(topics = "ordering.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        switch (event.type()) {
            case "OrderConfirmed" -> shipping.on(event.payload(OrderConfirmedView.class).toCommand());
            case "OrderCancelled" -> shipping.on(event.payload(OrderCancelledView.class).toCommand());
            default -> {
                // Other order facts do not concern fulfillment (tolerant reader).
            }
        }
    }

    /** Fulfillment's reading of OrderConfirmed: whose order it is; lines and total are ordering's business. */
    record OrderConfirmedView(String orderId, String customerId) {
        Shipping.OrderConfirmed toCommand() {
            return Views.read("OrderConfirmed", () -> new Shipping.OrderConfirmed(Views.uuid(orderId), Views.uuid(customerId)));
        }
    }

    record OrderCancelledView(String orderId, String reason) {
        Shipping.OrderCancelled toCommand() {
            return Views.read("OrderCancelled", () -> new Shipping.OrderCancelled(Views.uuid(orderId),
                    reason == null || reason.isBlank() ? "unspecified" : reason));
        }
    }
}
