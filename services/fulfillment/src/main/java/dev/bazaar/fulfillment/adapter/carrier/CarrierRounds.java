package dev.bazaar.fulfillment.adapter.carrier;

import java.time.Duration;

import dev.bazaar.fulfillment.FulfillmentProperties;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.work.Worker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The carrier's rounds: each takes every shipment whose pick-up or delivery is due, and goes on at once while full
 * batches come back. Between rounds it sleeps until the next step is due (a shipment scheduled meanwhile wakes it by
 * its pick-up time), and at least {@code fulfillment.carrier.poll-interval} so that under load a round takes what fell
 * due in that while; an idle fulfillment asks nothing of its database. Safe with several instances of fulfillment
 * running (each round locks its rows, skipping those another instance holds; another instance's shipments are seen at
 * the next round, every ten seconds at the latest); can be switched off with {@code fulfillment.carrier.enabled=false}.
 * A failed round is retried at the next; the chassis supervises the loop.
 */
@Component
@ConditionalOnProperty(name = "fulfillment.carrier.enabled", havingValue = "true", matchIfMissing = true)
class CarrierRounds {

    private static final int BATCH = 50;
    /** The longest sleep: for shipments another instance scheduled, or that a failed round left. */
    private static final Duration LONGEST = Duration.ofSeconds(10);

    private final Worker rounds;

    CarrierRounds(Shipping shipping, FulfillmentProperties properties) {
        this.rounds = new Worker("carrier-rounds", properties.carrier().pollInterval(), LONGEST,
                () -> {
                    Shipping.CarrierRound round = shipping.carrierRound(BATCH);
                    return round.moved() == BATCH ? Worker.Round.MORE : round.nextDue().orElse(null);
                },
                Duration.ofMinutes(2), SmartLifecycle.DEFAULT_PHASE);
    }

    @Bean
    Worker carrier() {
        return rounds;
    }

    /** A shipment was scheduled: the round that picks it up runs by its pick-up time. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(Shipping.CarrierStepDue due) {
        rounds.wakeUpBy(due.at());
    }
}
