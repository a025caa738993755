package example.shop.domain;

/** The request body of product-service's {@code POST /products/{id}/reserve}. */
public record ReserveStock(Integer quantity) {
}
