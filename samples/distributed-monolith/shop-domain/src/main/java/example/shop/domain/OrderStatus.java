package example.shop.domain;

/** The states an order passes through; stored as text in {@code orders.status}. */
public enum OrderStatus {
    PENDING,
    CONFIRMED
}
