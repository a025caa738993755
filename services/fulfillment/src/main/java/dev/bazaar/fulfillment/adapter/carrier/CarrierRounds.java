package dev.bazaar.fulfillment.adapter.carrier;

import dev.bazaar.fulfillment.FulfillmentProperties;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.work.Worker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The carrier's rounds: every {@code fulfillment.carrier.poll-interval} it takes each shipment whose pick-up or
 * delivery is due, and goes on at once while full batches come back. Safe with several instances of fulfillment
 * running (each round locks its rows, skipping those another instance holds); can be switched off with
 * {@code fulfillment.carrier.enabled=false}. A failed round is retried at the next; the chassis supervises the loop.
 */
@Configuration
@ConditionalOnProperty(name = "fulfillment.carrier.enabled", havingValue = "true", matchIfMissing = true)
class CarrierRounds {

    private static final int BATCH = 50;

    @Bean
    Worker carrier(Shipping shipping, FulfillmentProperties properties) {
        return new Worker("carrier-rounds", properties.carrier().pollInterval(),
                () -> shipping.advanceCarrier(BATCH) == BATCH);
    }
}
