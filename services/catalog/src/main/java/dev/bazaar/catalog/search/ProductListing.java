package dev.bazaar.catalog.search;

import java.math.BigDecimal;

import dev.bazaar.catalog.product.Product;

/** A product as a shopper finds it: flat, ready to show. */
public record ProductListing(String sku, String name, String description, String category, BigDecimal price, String currency) {

    public static ProductListing of(Product product) {
        return new ProductListing(product.sku().value(), product.name(), product.description(), product.category(),
                product.price().amount(), product.price().currency());
    }
}
