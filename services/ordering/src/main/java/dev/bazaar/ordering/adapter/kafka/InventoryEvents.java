package dev.bazaar.ordering.adapter.kafka;

import java.util.List;

import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.OrderSaga;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Inventory's answer to an order: a shortage rejects it; stock released before the order was paid
 * for (an expired reservation) cancels it; a reservation changes nothing here (payment acts on it),
 * nor do commits and restocks.
 */
@Component
class InventoryEvents extends Subscription {

    InventoryEvents(OrderSaga saga) {
        super("inventory.events");
        on("StockRejected", StockRejectedView.class, StockRejectedView::toCommand, saga::on);
        on("StockReleased", StockReleasedView.class, StockReleasedView::toCommand, saga::on);
    }

    record StockRejectedView(String orderId, String reason, List<ShortageView> shortages) {

        OrderSaga.StockRejected toCommand() {
            return new OrderSaga.StockRejected(new OrderId(uuid(orderId, "orderId")), describe());
        }

        /** The reason, with the SKUs that were short (those it does not name already), as customers and support want to read it. */
        String describe() {
            String why = reason == null || reason.isBlank() ? "insufficient stock" : reason;
            List<String> unnamed = shortages == null ? List.of()
                    : shortages.stream().map(ShortageView::sku).filter(sku -> !why.contains(sku)).toList();
            return unnamed.isEmpty() ? why : why + ": " + String.join(", ", unnamed);
        }
    }

    record ShortageView(String sku, int requested, int available) {
    }

    /** Only the order matters: whatever the lines and the reason, its stock is no longer set aside. */
    record StockReleasedView(String orderId, String reason) {
        OrderSaga.StockReleased toCommand() {
            return new OrderSaga.StockReleased(new OrderId(uuid(orderId, "orderId")), reason);
        }
    }
}
