package example.shop.order;

import example.shop.domain.OrderStatus;

/** The answer to {@code POST /orders}: the order id as a string, and its status. */
record OrderPlaced(String orderId, OrderStatus status) {
}
