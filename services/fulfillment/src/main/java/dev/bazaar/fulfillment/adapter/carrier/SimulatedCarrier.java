package dev.bazaar.fulfillment.adapter.carrier;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.bazaar.fulfillment.FulfillmentProperties;
import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.Carrier;
import org.springframework.stereotype.Component;

/**
 * Stands in for the external carrier: it picks a shipment up {@code fulfillment.carrier.ship-after}
 * after it was scheduled, delivers it {@code deliver-after} later, and refuses every destination in
 * {@code refused-countries} (Antarctica, by default).
 */
@Component
class SimulatedCarrier implements Carrier {

    private final FulfillmentProperties.Carrier properties;

    SimulatedCarrier(FulfillmentProperties properties) {
        this.properties = properties.carrier();
    }

    @Override
    public Duration pickupDelay() {
        return properties.shipAfter();
    }

    @Override
    public Duration deliveryDelay() {
        return properties.deliverAfter();
    }

    @Override
    public Pickup pickUp(UUID shipmentId, Address destination) {
        if (properties.refusedCountries().contains(destination.country())) {
            return Pickup.refused("carrier does not deliver to " + destination.country());
        }
        return Pickup.accepted(String.format("BZ%09d", ThreadLocalRandom.current().nextInt(1_000_000_000)));
    }
}
