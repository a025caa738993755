package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.platform.messaging.ConsumerLag;
import org.springframework.stereotype.Component;

/**
 * Sheds checkout load at the door, with a Retry-After, rather than let it turn into timeouts or deadline cancellations.
 * Two limits, both answered with 429 and nothing ordered:
 * <ul>
 *   <li><b>Waited too long already.</b> The gateway says when it received the request ({@code X-Request-Start}). One
 *       that has waited more than {@code ordering.checkout-max-wait} by the time it reaches checkout (for CPU, in the
 *       queue of ordering's few checkout threads) is refused at once: placing it would likely end after the gateway's
 *       response timeout, in a 504 whose order is placed all the same, and placed again by a client that retries
 *       without an Idempotency-Key. Refusing costs nothing, so a queue drains fast.</li>
 *   <li><b>The saga's pace.</b> On two cores taking an order costs less than finishing it, so a burst is accepted faster
 *       than the saga ends it, and past {@code ordering.saga-deadline} its backlog would be cancelled in bulk. The sign
 *       is the age of the events ordering applies, the saga's answers ({@link ConsumerLag}): ordering is the saga's hub,
 *       and the first to fall behind. While that is above {@code ordering.checkout-max-lag}, new orders are refused. A
 *       context that is down sends no events and so sheds nothing: with payment away, checkout still takes orders.</li>
 * </ul>
 */
@Component
public class CheckoutAdmission {

    private final ConsumerLag lag;
    private final Duration maxLag;
    private final Duration maxWait;
    private final Clock clock;

    public CheckoutAdmission(ConsumerLag lag, OrderingProperties settings, Clock clock) {
        this.lag = lag;
        this.maxLag = settings.checkoutMaxLag();
        this.maxWait = settings.checkoutMaxWait();
        this.clock = clock;
    }

    /**
     * Lets a checkout through when both limits allow it.
     *
     * @param receivedAt when the gateway received the request; null when it did not say (a call not through it)
     * @throws Refused when the request waited too long already, or the saga is too far behind
     */
    public void admit(Instant receivedAt) {
        if (receivedAt != null && Duration.between(receivedAt, clock.instant()).compareTo(maxWait) > 0) {
            throw new Refused("checkout-busy", "More orders are arriving than can be placed right now. Nothing was ordered; "
                    + "try again in 1 s.", Duration.ofSeconds(1));
        }
        Duration behind = lag.current();
        if (behind.compareTo(maxLag) > 0) {
            Duration retryAfter = retryAfter(behind, maxLag);
            throw new Refused("saga-behind", "Orders are coming in faster than they are finished: the saga is "
                    + behind.toSeconds() + " s behind. Nothing was ordered; try again in " + retryAfter.toSeconds() + " s.", retryAfter);
        }
    }

    /** Long enough for the backlog to shrink by about what is beyond the limit; between 1 and 30 s. */
    static Duration retryAfter(Duration behind, Duration maxLag) {
        long seconds = behind.minus(maxLag).toSeconds();
        return Duration.ofSeconds(Math.max(1, Math.min(30, seconds)));
    }

    /** Not now: nothing was ordered; try again after {@code retryAfter}. */
    public static final class Refused extends RuntimeException {

        private final String problemType;
        private final Duration retryAfter;

        Refused(String problemType, String message, Duration retryAfter) {
            super(message);
            this.problemType = problemType;
            this.retryAfter = retryAfter;
        }

        /** {@code saga-behind} or {@code checkout-busy}. */
        public String problemType() {
            return problemType;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
