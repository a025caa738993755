package example.shop.order;

import example.shop.domain.OrderStatus;
import example.shop.domain.Product;
import example.shop.domain.User;
import java.time.Instant;

/** An order with its user and product, read in one query across three shared tables. */
record OrderDetails(String orderId, OrderStatus status, int quantity, long amountCents, Instant createdAt,
                    User user, Product product) {
}
