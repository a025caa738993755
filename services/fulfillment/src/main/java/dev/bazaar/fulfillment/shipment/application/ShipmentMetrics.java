package dev.bazaar.fulfillment.shipment.application;

import dev.bazaar.fulfillment.shipment.ShipmentEvent;
import dev.bazaar.platform.work.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Fulfillment's business outcomes, counted for Prometheus (docs/metrics.md): shipments scheduled with the carrier,
 * shipped, delivered, failed (the carrier refused them) and cancelled with their order (before the carrier took them,
 * recalled from it, or, asked by ordering, never made).
 *
 * <p>{@link Shipping} reports each step as it publishes it, and it is counted once that transaction has committed: a
 * step rolled back counts nothing, and a confirmation seen before makes no second shipment, so it counts nothing; nor
 * does a cancellation answered again.
 */
@Component
public class ShipmentMetrics {

    private final Counter scheduled;
    private final Counter shipped;
    private final Counter delivered;
    private final Counter failed;
    private final Counter cancelled;

    public ShipmentMetrics(MeterRegistry registry) {
        this.scheduled = Counter.builder("bazaar.shipments.scheduled")
                .description("Shipments handed to the carrier (once the customer's address is known)").register(registry);
        this.shipped = Counter.builder("bazaar.shipments.shipped").description("Shipments the carrier picked up").register(registry);
        this.delivered = Counter.builder("bazaar.shipments.delivered").description("Shipments delivered").register(registry);
        this.failed = Counter.builder("bazaar.shipments.failed")
                .description("Shipments that will not ship: the carrier refused them (their orders are cancelled and refunded)")
                .register(registry);
        this.cancelled = Counter.builder("bazaar.shipments.cancelled")
                .description("Shipments cancelled with their order: before the carrier took them, recalled from it, or never made")
                .register(registry);
    }

    /** A step of a shipment, as published. */
    void published(ShipmentEvent event) {
        Counter counter = event.match(new ShipmentEvent.Cases<Counter>() {
            @Override
            public Counter scheduled(ShipmentEvent.Scheduled event) {
                return scheduled;
            }

            @Override
            public Counter shipped(ShipmentEvent.Shipped event) {
                return shipped;
            }

            @Override
            public Counter delivered(ShipmentEvent.Delivered event) {
                return delivered;
            }

            @Override
            public Counter failed(ShipmentEvent.Failed event) {
                return failed;
            }

            @Override
            public Counter cancelled(ShipmentEvent.Cancelled event) {
                return cancelled;
            }
        });
        AfterCommit.run(counter::increment);
    }

    /** A shipment was cancelled with its order, on its OrderCancelled; nothing is published for that. */
    void cancelled() {
        AfterCommit.run(cancelled::increment);
    }

}
