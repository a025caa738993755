package dev.bazaar.ordering.replica;

import java.util.Objects;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;

/** A product as catalog last announced it: what ordering needs to price a line. */
public record CatalogPrice(Sku sku, String name, Money price) {

    public CatalogPrice {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
