package dev.bazaar.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialStock        the on-hand quantity of a SKU when catalog first announces it
 * @param reservationTtl      how long an order's reservation is held for it before it expires
 * @param expirySweepInterval the longest the sweeper sleeps: it wakes when the first held reservation expires, and
 *                            looks again at least this often; no longer than the TTL, so that a reservation made while
 *                            it sleeps is seen before it expires
 */
@ConfigurationProperties("inventory")
public record InventoryProperties(
        @DefaultValue("50") int initialStock,
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("1m") Duration expirySweepInterval) {

    public InventoryProperties {
        if (initialStock < 0) {
            throw new IllegalArgumentException("inventory.initial-stock cannot be negative, was " + initialStock);
        }
        requirePositive(reservationTtl, "inventory.reservation-ttl");
        requirePositive(expirySweepInterval, "inventory.expiry-sweep-interval");
        if (expirySweepInterval.compareTo(reservationTtl) > 0) {
            throw new IllegalArgumentException("inventory.expiry-sweep-interval (" + expirySweepInterval
                    + ") cannot be longer than inventory.reservation-ttl (" + reservationTtl + ")");
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, was " + duration);
        }
    }
}
