package dev.bazaar.fulfillment.adapter.carrier;

import dev.bazaar.fulfillment.shipment.application.Shipping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The carrier's rounds: at every tick it takes each shipment whose pick-up or delivery is due.
 * Safe with several instances of fulfillment running (each round locks its rows, skipping those
 * another instance holds); can be switched off with {@code fulfillment.carrier.enabled=false}.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "fulfillment.carrier.enabled", havingValue = "true", matchIfMissing = true)
class CarrierRounds {

    private static final Logger log = LoggerFactory.getLogger(CarrierRounds.class);
    private static final int BATCH = 50;

    private final Shipping shipping;

    CarrierRounds(Shipping shipping) {
        this.shipping = shipping;
    }

    @Scheduled(fixedDelayString = "${fulfillment.carrier.poll-interval:250ms}")
    void round() {
        try {
            while (shipping.advanceCarrier(BATCH) == BATCH) {
                // A full batch may mean more are due: keep going until the carrier has caught up.
            }
        } catch (RuntimeException e) {
            log.warn("The carrier's round failed, it will try again at the next: {}", e.getMessage());
        }
    }
}
