package dev.bazaar.catalog.product;

import java.util.Objects;

/** A product on sale. Its price changes by intention, and only to a different price. */
public final class Product {

    private final Sku sku;
    private final String name;
    private final String description;
    private final String category;
    private Money price;

    public Product(Sku sku, String name, String description, String category, Money price) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.name = requireText(name, "name", 200);
        this.description = description == null ? "" : limit(description, "description", 2000);
        this.category = requireText(category, "category", 50);
        this.price = Objects.requireNonNull(price, "price");
    }

    /** @return the event announcing the change */
    public ProductEvent.PriceChanged changePrice(Money newPrice) {
        Objects.requireNonNull(newPrice, "price");
        if (newPrice.equals(price)) {
            throw new IllegalArgumentException("The price of " + sku + " is already " + newPrice.amount() + " " + newPrice.currency());
        }
        Money old = price;
        price = newPrice;
        return new ProductEvent.PriceChanged(sku, old, newPrice);
    }

    public ProductEvent.Added added() {
        return new ProductEvent.Added(sku, name, description, category, price);
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
