package dev.bazaar.payment.charge;

import java.util.Collection;
import java.util.Map;

/**
 * The card processor that actually moves money: an external system, reached over the network, so
 * any call may be slow, fail, or succeed with its answer lost. Every call carries an idempotency
 * key (the payment id): the processor remembers each (operation, key) it has acted on and answers
 * a repeated call as it answered the first, so a call retried after a timeout or a crash has one
 * effect.
 */
public interface CardProcessor {

    Authorization charge(String idempotencyKey, CardNumber card, Money amount);

    /**
     * Makes sure nothing stays charged under the key: a charge made under it is reversed, and a
     * charge arriving later (a call still on its way) is refused.
     */
    void voidCharge(String idempotencyKey, Money amount);

    /** Gives back the amount captured under the key. */
    void refund(String idempotencyKey, Money amount);

    /**
     * The money the processor has moved under each key, as its own ledger reports it (its
     * reporting interface, which answers even while its payments interface is down).
     */
    Map<String, Ledger> ledgers(Collection<String> idempotencyKeys);

    /** The processor's answer to a charge: approved, or declined with a reason fit to show the customer. */
    record Authorization(boolean approved, String declineReason) {

        public static Authorization approve() {
            return new Authorization(true, null);
        }

        public static Authorization decline(String reason) {
            return new Authorization(false, reason);
        }
    }

    /** How many captures and refunds (reversals included) the processor has made under one key. */
    record Ledger(int captures, int refunds) {

        public static final Ledger NONE = new Ledger(0, 0);
    }

    /**
     * The processor could not be reached, or refused the call before acting on it (connection
     * refused, 503): nothing happened, and the call may simply be made again later.
     */
    class Unavailable extends RuntimeException {

        public Unavailable(String message) {
            super(message);
        }
    }
}
