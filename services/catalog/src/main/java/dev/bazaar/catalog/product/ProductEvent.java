package dev.bazaar.catalog.product;

/** Facts about products that catalog publishes on {@code catalog.events}. */
public sealed interface ProductEvent {

    Sku sku();

    /** The product's version once the event is applied. */
    long version();

    record Added(Sku sku, String name, String description, String category, Money price, long version) implements ProductEvent {
    }

    record PriceChanged(Sku sku, Money oldPrice, Money newPrice, long version) implements ProductEvent {
    }
}
