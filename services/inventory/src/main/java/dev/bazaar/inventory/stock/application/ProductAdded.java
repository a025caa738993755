package dev.bazaar.inventory.stock.application;

import java.util.Objects;

import dev.bazaar.inventory.stock.Sku;

/** Catalog put a product on sale: all inventory needs of that fact is the SKU. */
public record ProductAdded(Sku sku) {

    public ProductAdded {
        Objects.requireNonNull(sku, "sku");
    }
}
