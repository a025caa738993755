package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Where a confirmed order's shipment is: shipped, delivered, or failed (which cancels the order). */
@Component
class FulfillmentEvents {

    private final Inbox inbox;
    private final OrderSaga saga;

    FulfillmentEvents(Inbox inbox, OrderSaga saga) {
        this.inbox = inbox;
        this.saga = saga;
    }

    @KafkaListener(topics = "fulfillment.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    void handle(InboundEvent event) {
        switch (event.type()) {
            case "ShipmentShipped" -> saga.onShipmentShipped(Read.orderId(event, event.payload(Shipment.class).orderId()));
            case "ShipmentDelivered" -> saga.onShipmentDelivered(Read.orderId(event, event.payload(Shipment.class).orderId()));
            case "ShipmentFailed" -> {
                ShipmentFailed failed = event.payload(ShipmentFailed.class);
                saga.onShipmentFailed(Read.orderId(event, failed.orderId()), Read.text(event, "reason", failed.reason()));
            }
            default -> {
                // Tolerant reader: ShipmentScheduled changes nothing in an order.
            }
        }
    }

    /** ShipmentShipped and ShipmentDelivered, as far as ordering reads them. */
    record Shipment(String shipmentId, String orderId) {
    }

    record ShipmentFailed(String shipmentId, String orderId, String reason) {
    }
}
