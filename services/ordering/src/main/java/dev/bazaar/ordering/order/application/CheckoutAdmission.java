package dev.bazaar.ordering.order.application;

import java.time.Duration;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.platform.messaging.ConsumerLag;
import org.springframework.stereotype.Component;

/**
 * Sheds checkout load before the saga's backlog reaches its deadline. On two cores, taking an order costs less than
 * finishing it, so a burst is accepted faster than the saga can end it: the backlog grows, every order in it waits
 * longer, and past {@code ordering.saga-deadline} orders would be cancelled in bulk. The sign is the age of the events
 * ordering applies (the saga's answers: stock reserved, payment captured, shipped), measured by the chassis'
 * {@link ConsumerLag}. While it is above {@code ordering.checkout-max-lag}, new orders are refused with a Retry-After,
 * and the backlog drains. A context that is down sends no events and so sheds nothing: with payment away, checkout
 * still takes orders, which wait for it.
 */
@Component
public class CheckoutAdmission {

    private final ConsumerLag lag;
    private final Duration maxLag;

    public CheckoutAdmission(ConsumerLag lag, OrderingProperties settings) {
        this.lag = lag;
        this.maxLag = settings.checkoutMaxLag();
    }

    /** @throws SagaBehind when the saga is too far behind to take another order now */
    public void admit() {
        Duration behind = lag.current();
        if (behind.compareTo(maxLag) > 0) {
            throw new SagaBehind(behind, retryAfter(behind, maxLag));
        }
    }

    /** Long enough for the backlog to shrink by about what is beyond the limit; between 1 and 30 s. */
    static Duration retryAfter(Duration behind, Duration maxLag) {
        long seconds = behind.minus(maxLag).toSeconds();
        return Duration.ofSeconds(Math.max(1, Math.min(30, seconds)));
    }

    /** The saga is behind: try again after {@code retryAfter}. */
    public static final class SagaBehind extends RuntimeException {

        private final Duration retryAfter;

        SagaBehind(Duration behind, Duration retryAfter) {
            super("Orders are coming in faster than they are finished: the saga is " + behind.toSeconds()
                    + " s behind. Nothing was ordered; try again in " + retryAfter.toSeconds() + " s.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
