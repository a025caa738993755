package dev.bazaar.ordering.adapter.kafka;

import java.math.BigDecimal;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/** Catalog's products and prices, for pricing orders without asking catalog. Whatever else it announces is none of ordering's business. */
@Component
class CatalogEvents extends Subscription {

    CatalogEvents(Replicas replicas) {
        super("catalog.events");
        on("ProductAdded", ProductAddedView.class, ProductAddedView::toCommand, replicas::on);
        on("ProductPriceChanged", ProductPriceChangedView.class, ProductPriceChangedView::toCommand, replicas::on);
    }

    record ProductAddedView(String sku, String name, PriceView price, Long version) {
        Replicas.ProductAdded toCommand() {
            return new Replicas.ProductAdded(new Sku(required(sku, "sku")), name, required(price, "price").toMoney(), version);
        }
    }

    record ProductPriceChangedView(String sku, PriceView newPrice, Long version) {
        Replicas.ProductPriceChanged toCommand() {
            return new Replicas.ProductPriceChanged(new Sku(required(sku, "sku")), required(newPrice, "newPrice").toMoney(), version);
        }
    }

    record PriceView(BigDecimal amount, String currency) {
        Money toMoney() {
            return new Money(amount, currency);
        }
    }
}
