package dev.bazaar.payment.adapter.kafka;

import dev.bazaar.payment.charge.application.PaymentProcessing;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * What payment reads from inventory: whether an order's stock is reserved, which decides whether it is charged.
 * Releases and commits of stock do not concern payment.
 */
@Component
class InventoryEvents extends Subscription {

    InventoryEvents(PaymentProcessing processing) {
        super("inventory.events");
        on("StockReserved", StockReservedView.class, StockReservedView::toCommand, processing::on);
        on("StockRejected", StockRejectedView.class, StockRejectedView::toCommand, processing::on);
    }

    /** Only the order matters to payment; the reserved lines are inventory's business. */
    record StockReservedView(String orderId) {
        PaymentProcessing.StockReserved toCommand() {
            return new PaymentProcessing.StockReserved(uuid(orderId, "orderId"));
        }
    }

    record StockRejectedView(String orderId, String reason) {
        PaymentProcessing.StockRejected toCommand() {
            return new PaymentProcessing.StockRejected(uuid(orderId, "orderId"),
                    reason == null || reason.isBlank() ? "unspecified" : reason);
        }
    }
}
