package dev.bazaar.fulfillment.shipment;

import java.util.UUID;

/** Facts about shipments that fulfillment publishes on {@code fulfillment.events}, keyed by order. */
public sealed interface ShipmentEvent {

    /** Null only in a {@link Cancelled} for an order that never had a shipment here. */
    UUID shipmentId();

    UUID orderId();

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R scheduled(Scheduled event);

        R shipped(Shipped event);

        R delivered(Delivered event);

        R failed(Failed event);

        R cancelled(Cancelled event);
    }

    record Scheduled(UUID shipmentId, UUID orderId, Address address) implements ShipmentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.scheduled(this);
        }
    }

    record Shipped(UUID shipmentId, UUID orderId, String trackingNumber) implements ShipmentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.shipped(this);
        }
    }

    record Delivered(UUID shipmentId, UUID orderId) implements ShipmentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.delivered(this);
        }
    }

    record Failed(UUID shipmentId, UUID orderId, String reason) implements ShipmentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.failed(this);
        }
    }

    /**
     * Fulfillment's answer to a request to cancel the order: nothing was delivered and nothing will be. The shipment
     * was cancelled, recalled, or never made.
     *
     * @param shipmentId null when the order never had a shipment here (its confirmation had not come)
     */
    record Cancelled(UUID shipmentId, UUID orderId, String reason) implements ShipmentEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.cancelled(this);
        }
    }
}
