package dev.bazaar.payment.charge;

import java.time.Instant;

/**
 * A payment's calls to the card processor for its current operation: how many were made, when the
 * next one is due (null when none is owed), why the last one failed, and whether a charge may have
 * gone through unseen. A charge is in doubt once a call failed in a way that does not prove the
 * processor did nothing (a timeout: the answer may just have been late); such a charge is never
 * simply forgotten, it is voided at the processor.
 */
public record Attempts(int made, Instant nextAt, String lastError, boolean chargeInDoubt) {

    public static final Attempts NONE = new Attempts(0, null, null, false);

    public Attempts {
        if (made < 0) {
            throw new IllegalArgumentException("Attempts made cannot be negative, was " + made);
        }
    }

    /** A new operation, to be tried at once. */
    static Attempts dueAt(Instant now) {
        return new Attempts(0, now, null, false);
    }

    Attempts failed(String error, Instant now, Backoff backoff, boolean leftChargeInDoubt) {
        int failures = made + 1;
        return new Attempts(failures, now.plus(backoff.delayAfter(failures)), error, chargeInDoubt || leftChargeInDoubt);
    }

    /** The processor answered: the operation is done and nothing is in doubt any more. */
    Attempts answered() {
        return new Attempts(made + 1, null, null, false);
    }

    public boolean isDue(Instant now) {
        return nextAt != null && !nextAt.isAfter(now);
    }
}
