package dev.bazaar.fulfillment.adapter.carrier;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated carrier's behaviour.
 *
 * @param shipAfter         how long after scheduling it picks a shipment up
 * @param deliverAfter      how long after pick-up it delivers
 * @param refusedCountries  destinations it does not serve (ISO 3166-1 alpha-2); by default Antarctica
 * @param pollInterval      how often it looks for shipments whose next step is due
 */
@ConfigurationProperties("fulfillment.carrier")
record CarrierProperties(
        @DefaultValue("2s") Duration shipAfter,
        @DefaultValue("3s") Duration deliverAfter,
        @DefaultValue("AQ") Set<String> refusedCountries,
        @DefaultValue("250ms") Duration pollInterval) {
}
