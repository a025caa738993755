package dev.bazaar.payment.payment;

/**
 * The card processor that actually moves money: an external system. Both calls take an
 * idempotency key, so a call repeated after a crash or a rolled-back transaction has one effect.
 */
public interface CardProcessor {

    Authorization charge(String idempotencyKey, CardNumber card, Money amount);

    void refund(String idempotencyKey, Money amount);

    /** The processor's answer to a charge: approved, or declined with a reason fit to show the customer. */
    record Authorization(boolean approved, String declineReason) {

        public static Authorization approve() {
            return new Authorization(true, null);
        }

        public static Authorization decline(String reason) {
            return new Authorization(false, reason);
        }
    }
}
