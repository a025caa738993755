package dev.bazaar.catalog.product;

/** Facts about products that catalog publishes on {@code catalog.events}. */
public sealed interface ProductEvent {

    Sku sku();

    /** The product's version once the event is applied. */
    long version();

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R added(Added event);

        R priceChanged(PriceChanged event);
    }

    record Added(Sku sku, String name, String description, String category, Money price, long version) implements ProductEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.added(this);
        }
    }

    record PriceChanged(Sku sku, Money oldPrice, Money newPrice, long version) implements ProductEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.priceChanged(this);
        }
    }
}
