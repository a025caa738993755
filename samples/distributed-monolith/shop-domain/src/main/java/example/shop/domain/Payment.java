package example.shop.domain;

import java.time.Instant;

/** A row of the shared {@code payments} table. */
public record Payment(long id, long orderId, long amountCents, String cardLast4, String status,
                      Instant createdAt) {

    /** The only status a stored payment has: declined cards are never stored. */
    public static final String CAPTURED = "CAPTURED";
}
