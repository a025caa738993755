package dev.bazaar.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialStock        the on-hand quantity of a SKU when catalog first announces it
 * @param reservationTtl      how long an order's reservation is held for it before it expires
 * @param expirySweepInterval how often held reservations past their expiry are looked for and released
 */
@ConfigurationProperties("inventory")
public record InventoryProperties(
        @DefaultValue("50") int initialStock,
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("1s") Duration expirySweepInterval) {

    public InventoryProperties {
        if (initialStock < 0) {
            throw new IllegalArgumentException("inventory.initial-stock cannot be negative, was " + initialStock);
        }
        requirePositive(reservationTtl, "inventory.reservation-ttl");
        requirePositive(expirySweepInterval, "inventory.expiry-sweep-interval");
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, was " + duration);
        }
    }
}
