package dev.bazaar.payment.charge;

import java.util.UUID;

/** Facts about payments that payment publishes on {@code payment.events}, keyed by order. */
public sealed interface PaymentEvent {

    UUID orderId();

    record Captured(UUID orderId, UUID paymentId, Money amount, String cardLast4) implements PaymentEvent {
    }

    record Declined(UUID orderId, UUID paymentId, String reason, String cardLast4) implements PaymentEvent {
    }

    record Refunded(UUID orderId, UUID paymentId, Money amount, String reason) implements PaymentEvent {
    }
}
