package dev.bazaar.fulfillment;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param carrier the simulated carrier's behaviour
 */
@ConfigurationProperties("fulfillment")
public record FulfillmentProperties(@DefaultValue Carrier carrier) {

    /**
     * @param shipAfter        how long after scheduling it picks a shipment up
     * @param deliverAfter     how long after pick-up it delivers
     * @param refusedCountries destinations it does not serve (ISO 3166-1 alpha-2); by default Antarctica
     * @param pollInterval     the least pause between two of its rounds, so that under load a round takes every step that
 *                         fell due in that while (it sleeps until the next step is due otherwise)
     */
    public record Carrier(
            @DefaultValue("2s") Duration shipAfter,
            @DefaultValue("3s") Duration deliverAfter,
            @DefaultValue("AQ") Set<String> refusedCountries,
            @DefaultValue("250ms") Duration pollInterval) {

        public Carrier {
            requireNotNegative(shipAfter, "fulfillment.carrier.ship-after");
            requireNotNegative(deliverAfter, "fulfillment.carrier.deliver-after");
            refusedCountries = Set.copyOf(refusedCountries);
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("fulfillment.carrier.poll-interval must be positive, was " + pollInterval);
            }
        }

        private static void requireNotNegative(Duration duration, String property) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(property + " cannot be negative, was " + duration);
            }
        }
    }
}
