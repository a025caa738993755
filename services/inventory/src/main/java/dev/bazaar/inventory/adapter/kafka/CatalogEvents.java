package dev.bazaar.inventory.adapter.kafka;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/** Learns the SKUs on sale from catalog. Prices and descriptions are not inventory's business. */
@Component
class CatalogEvents extends Subscription {

    CatalogEvents(StockKeeping stock) {
        super("catalog.events");
        on("ProductAdded", ProductAddedView.class, ProductAddedView::toCommand, stock::on);
    }

    /** The part of catalog's ProductAdded that inventory reads. */
    record ProductAddedView(String sku) {
        StockKeeping.ProductAdded toCommand() {
            return new StockKeeping.ProductAdded(new Sku(required(sku, "sku")));
        }
    }
}
