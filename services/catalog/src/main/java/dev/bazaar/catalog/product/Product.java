package dev.bazaar.catalog.product;

import java.util.Objects;

/**
 * A product on sale. Its price changes by intention, and only to a different price. Every change counts up its
 * version, which its events carry, so that a replica elsewhere can tell a late event from a new one.
 */
public final class Product {

    private final Sku sku;
    private final String name;
    private final String description;
    private final String category;
    private Money price;
    private long version;

    /** A product new to the catalog: version 1. */
    public Product(Sku sku, String name, String description, String category, Money price) {
        this(sku, name, description, category, price, 1);
    }

    public Product(Sku sku, String name, String description, String category, Money price, long version) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.name = requireText(name, "name", 200);
        this.description = description == null ? "" : limit(description, "description", 2000);
        this.category = requireText(category, "category", 50);
        this.price = Objects.requireNonNull(price, "price");
        if (version < 1) {
            throw new IllegalArgumentException("A product's version starts at 1, was " + version);
        }
        this.version = version;
    }

    /** @return the event announcing the change */
    public ProductEvent.PriceChanged changePrice(Money newPrice) {
        Objects.requireNonNull(newPrice, "price");
        if (newPrice.equals(price)) {
            throw new IllegalArgumentException("The price of " + sku + " is already " + newPrice.amount() + " " + newPrice.currency());
        }
        Money old = price;
        price = newPrice;
        version++;
        return new ProductEvent.PriceChanged(sku, old, newPrice, version);
    }

    public ProductEvent.Added added() {
        return new ProductEvent.Added(sku, name, description, category, price, version);
    }

    public Sku sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String category() {
        return category;
    }

    public Money price() {
        return price;
    }

    public long version() {
        return version;
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A product needs a " + field);
        }
        return limit(value.strip(), field, max);
    }

    private static String limit(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("A product's " + field + " has at most " + max + " characters");
        }
        return value;
    }
}
