package dev.bazaar.fulfillment.adapter.kafka;

import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * What fulfillment reads from ordering: confirmed orders to ship, requests to stop a confirmed order's shipment, and
 * cancelled orders not to ship. Other order facts do not concern it.
 */
@Component
class OrderingEvents extends Subscription {

    OrderingEvents(Shipping shipping) {
        super("ordering.events");
        on("OrderConfirmed", OrderConfirmedView.class, OrderConfirmedView::toCommand, shipping::on);
        on("OrderCancellationRequested", OrderCancellationRequestedView.class, OrderCancellationRequestedView::toCommand,
                shipping::on);
        on("OrderCancelled", OrderCancelledView.class, OrderCancelledView::toCommand, shipping::on);
    }

    /** Fulfillment's reading of OrderConfirmed: whose order it is; lines and total are ordering's business. */
    record OrderConfirmedView(String orderId, String customerId) {
        Shipping.OrderConfirmed toCommand() {
            return new Shipping.OrderConfirmed(uuid(orderId, "orderId"), uuid(customerId, "customerId"));
        }
    }

    record OrderCancellationRequestedView(String orderId, String reason) {
        Shipping.OrderCancellationRequested toCommand() {
            return new Shipping.OrderCancellationRequested(uuid(orderId, "orderId"),
                    reason == null || reason.isBlank() ? "unspecified" : reason);
        }
    }

    record OrderCancelledView(String orderId, String reason) {
        Shipping.OrderCancelled toCommand() {
            return new Shipping.OrderCancelled(uuid(orderId, "orderId"), reason == null || reason.isBlank() ? "unspecified" : reason);
        }
    }
}
