package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Where a confirmed order's shipment is: shipped, delivered, failed (which cancels the order), or cancelled as ordering
 * asked (which cancels an order being cancelled). ShipmentScheduled changes nothing in an order.
 */
@Component
class FulfillmentEvents extends Subscription {

    FulfillmentEvents(OrderSaga saga) {
        super("fulfillment.events");
        on("ShipmentShipped", ShipmentView.class, ShipmentView::toShipped, saga::on);
        on("ShipmentDelivered", ShipmentView.class, ShipmentView::toDelivered, saga::on);
        on("ShipmentFailed", ShipmentFailedView.class, ShipmentFailedView::toCommand, saga::on);
        on("ShipmentCancelled", ShipmentCancelledView.class, ShipmentCancelledView::toCommand, saga::on);
    }

    /** ShipmentShipped and ShipmentDelivered, as far as ordering reads them. */
    record ShipmentView(String shipmentId, String orderId) {
        OrderSaga.ShipmentShipped toShipped() {
            return new OrderSaga.ShipmentShipped(new OrderId(uuid(orderId, "orderId")));
        }

        OrderSaga.ShipmentDelivered toDelivered() {
            return new OrderSaga.ShipmentDelivered(new OrderId(uuid(orderId, "orderId")));
        }
    }

    /** The shipment id is absent when fulfillment had none for the order. */
    record ShipmentCancelledView(String shipmentId, String orderId, String reason) {
        OrderSaga.ShipmentCancelled toCommand() {
            return new OrderSaga.ShipmentCancelled(new OrderId(uuid(orderId, "orderId")), reason == null ? "" : reason);
        }
    }

    record ShipmentFailedView(String shipmentId, String orderId, String reason) {
        OrderSaga.ShipmentFailed toCommand() {
            return new OrderSaga.ShipmentFailed(new OrderId(uuid(orderId, "orderId")), reason);
        }
    }
}
