package dev.bazaar.ordering;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long ordering waits for the saga and for retries (environment: ORDERING_SAGA_DEADLINE...).
 *
 * @param sagaDeadline      an order not finished this long after it was placed is cancelled ("deadline passed")
 * @param sweepInterval     how often overdue orders and old Idempotency-Keys are looked for
 * @param idempotencyKeyTtl how long an Idempotency-Key answers with its first order; a retry after that places a new one
 * @param checkoutMaxLag    checkout refuses new orders (429, with Retry-After) while the events ordering applies are
 *                          older than this: the saga is falling behind, and orders taken now would wait towards their
 *                          deadline (see {@link dev.bazaar.ordering.order.application.CheckoutAdmission})
 * @param checkoutMaxWait   a checkout that has waited longer than this since the gateway received it is refused (429,
 *                          Retry-After): it would likely be answered after the gateway's response timeout (5 s)
 * @param attentionAfter    an unfinished order unchanged this long is "stuck" in the staff's list of orders needing
 *                          attention ({@code GET /api/orders/attention}); well before its deadline cancels it
 */
@ConfigurationProperties("ordering")
public record OrderingProperties(@DefaultValue("10m") Duration sagaDeadline, @DefaultValue("10s") Duration sweepInterval,
                                 @DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue("30s") Duration checkoutMaxLag,
                                 @DefaultValue("2s") Duration checkoutMaxWait,
                                 @DefaultValue("5m") Duration attentionAfter) {

    public OrderingProperties {
        requirePositive(sagaDeadline, "ordering.saga-deadline");
        requirePositive(sweepInterval, "ordering.sweep-interval");
        requirePositive(idempotencyKeyTtl, "ordering.idempotency-key-ttl");
        requirePositive(checkoutMaxLag, "ordering.checkout-max-lag");
        requirePositive(checkoutMaxWait, "ordering.checkout-max-wait");
        requirePositive(attentionAfter, "ordering.attention-after");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
