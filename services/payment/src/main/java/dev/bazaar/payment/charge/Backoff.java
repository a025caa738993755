package dev.bazaar.payment.charge;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before the next call to the card processor: the delay doubles with each failed
 * attempt (1 s, 2 s, 4 s …) up to a cap, so that a processor that is down is not hammered, and one
 * that is back is tried again within the cap. There is no last attempt: a payment owes the
 * processor its call until it is made or the order is cancelled.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("The first delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("The cap " + max + " is below the first delay " + initial);
        }
    }

    /** The delay after the given number of failed attempts (1 for the first failure). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("A delay follows at least one failed attempt, was " + failures);
        }
        Duration delay = initial;
        // Stops doubling at the cap, so any number of failures is safe from overflow.
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
