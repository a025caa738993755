package dev.bazaar.catalog.product;

/** Facts about products that catalog publishes on {@code catalog.events}. */
public sealed interface ProductEvent {

    Sku sku();

    record Added(Sku sku, String name, String description, String category, Money price) implements ProductEvent {
    }

    record PriceChanged(Sku sku, Money oldPrice, Money newPrice) implements ProductEvent {
    }
}
