package dev.bazaar.catalog.product.application;

import java.math.BigDecimal;

import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.ProductEvent;
import dev.bazaar.platform.messaging.EventType;

/**
 * The events as they appear on {@code catalog.events}: flat JSON, described by the schemas in
 * {@code contracts/catalog/}. Kept apart from the domain so the domain can change without
 * breaking a consumer.
 */
final class PublishedLanguage {

    record Price(BigDecimal amount, String currency) {
        static Price of(Money money) {
            return new Price(money.amount(), money.currency());
        }
    }

    @EventType("ProductAdded")
    record ProductAdded(String sku, String name, String description, String category, Price price, long version) {
    }

    @EventType("ProductPriceChanged")
    record ProductPriceChanged(String sku, Price oldPrice, Price newPrice, long version) {
    }

    static Object payload(ProductEvent event) {
        return event.match(new ProductEvent.Cases<>() {
            @Override
            public Object added(ProductEvent.Added e) {
                return new ProductAdded(e.sku().value(), e.name(), e.description(), e.category(), Price.of(e.price()),
                        e.version());
            }

            @Override
            public Object priceChanged(ProductEvent.PriceChanged e) {
                return new ProductPriceChanged(e.sku().value(), Price.of(e.oldPrice()), Price.of(e.newPrice()),
                        e.version());
            }
        });
    }

    private PublishedLanguage() {
    }
}
