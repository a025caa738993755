package dev.bazaar.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialStock   the on-hand quantity of a SKU when catalog first announces it
 * @param reservationTtl how long an order's reservation is held for it before it may expire
 */
@ConfigurationProperties("inventory")
public record InventoryProperties(@DefaultValue("50") int initialStock, @DefaultValue("15m") Duration reservationTtl) {

    public InventoryProperties {
        if (initialStock < 0) {
            throw new IllegalArgumentException("inventory.initial-stock cannot be negative, was " + initialStock);
        }
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("inventory.reservation-ttl must be positive, was " + reservationTtl);
        }
    }
}
