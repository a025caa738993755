package example.shop.domain;

import java.time.Instant;

/** A row of the shared {@code orders} table. */
public record Order(long id, long userId, long productId, int quantity, long amountCents,
                    OrderStatus status, Instant createdAt) {
}
