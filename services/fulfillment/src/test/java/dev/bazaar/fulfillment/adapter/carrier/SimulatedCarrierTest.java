package dev.bazaar.fulfillment.adapter.carrier;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.bazaar.fulfillment.FulfillmentProperties;
import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.Carrier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedCarrierTest {

    private final SimulatedCarrier carrier = new SimulatedCarrier(new FulfillmentProperties(new FulfillmentProperties.Carrier(
            Duration.ofSeconds(2), Duration.ofSeconds(3), Set.of("AQ"), Duration.ofMillis(250))));

    @Test
    void refusesTheDocumentedCountry() {
        Carrier.Pickup pickup = carrier.pickUp(UUID.randomUUID(), new Address("Base 1", "McMurdo", "0000", "AQ"));

        assertThat(pickup.isAccepted()).isFalse();
        assertThat(pickup.refusal()).isEqualTo("carrier does not deliver to AQ");
    }

    @Test
    void takesAnyOtherDestinationWithATrackingNumber() {
        Carrier.Pickup pickup = carrier.pickUp(UUID.randomUUID(), new Address("12 Market Street", "Lyon", "69002", "FR"));

        assertThat(pickup.isAccepted()).isTrue();
        assertThat(pickup.trackingNumber()).matches("BZ[0-9]{9}");
    }

    @Test
    void keepsItsConfiguredTimetable() {
        assertThat(carrier.pickupDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(carrier.deliveryDelay()).isEqualTo(Duration.ofSeconds(3));
    }
}
