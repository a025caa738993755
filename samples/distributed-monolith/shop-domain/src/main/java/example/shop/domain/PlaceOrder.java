package example.shop.domain;

/**
 * The request body of {@code POST /orders}. Fields are boxed so that a missing field
 * arrives as {@code null} and can be answered with a clear 400.
 */
public record PlaceOrder(Long userId, Long productId, Integer quantity, String cardNumber) {
}
