package dev.bazaar.payment.charge;

import java.util.UUID;

/** Facts about payments that payment publishes on {@code payment.events}, keyed by order. */
public sealed interface PaymentEvent {

    UUID orderId();

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R captured(Captured event);

        R declined(Declined event);

        R refunded(Refunded event);
    }

    record Captured(UUID orderId, UUID paymentId, Money amount, String cardLast4) implements PaymentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.captured(this);
        }
    }

    record Declined(UUID orderId, UUID paymentId, String reason, String cardLast4) implements PaymentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.declined(this);
        }
    }

    record Refunded(UUID orderId, UUID paymentId, Money amount, String reason) implements PaymentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.refunded(this);
        }
    }
}
