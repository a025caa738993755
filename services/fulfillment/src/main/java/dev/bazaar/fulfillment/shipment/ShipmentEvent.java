package dev.bazaar.fulfillment.shipment;

import java.util.UUID;

/** Facts about shipments that fulfillment publishes on {@code fulfillment.events}, keyed by order. */
public sealed interface ShipmentEvent {

    UUID shipmentId();

    UUID orderId();

    record Scheduled(UUID shipmentId, UUID orderId, Address address) implements ShipmentEvent {
    }

    record Shipped(UUID shipmentId, UUID orderId, String trackingNumber) implements ShipmentEvent {
    }

    record Delivered(UUID shipmentId, UUID orderId) implements ShipmentEvent {
    }

    record Failed(UUID shipmentId, UUID orderId, String reason) implements ShipmentEvent {
    }
}
