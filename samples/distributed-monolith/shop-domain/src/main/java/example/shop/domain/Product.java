package example.shop.domain;

/** A row of the shared {@code products} table. Prices are in cents. */
public record Product(long id, String name, long priceCents, long stock) {
}
