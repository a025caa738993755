package dev.bazaar.fulfillment.shipment.application;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.ShipmentEvent;

/**
 * The shipment events as they appear on {@code fulfillment.events}, described by the schemas in
 * {@code contracts/fulfillment/}.
 */
final class PublishedLanguage {

    record AddressView(String line1, String city, String postalCode, String country) {
        static AddressView of(Address address) {
            return new AddressView(address.line1(), address.city(), address.postalCode(), address.country());
        }
    }

    record ShipmentScheduled(String shipmentId, String orderId, AddressView address) {
    }

    record ShipmentShipped(String shipmentId, String orderId, String trackingNumber) {
    }

    record ShipmentDelivered(String shipmentId, String orderId) {
    }

    record ShipmentFailed(String shipmentId, String orderId, String reason) {
    }

    // Java 17: no pattern matching for switch yet, so the sealed hierarchy is walked with instanceof.
    static String type(ShipmentEvent event) {
        if (event instanceof ShipmentEvent.Scheduled) {
            return "ShipmentScheduled";
        }
        if (event instanceof ShipmentEvent.Shipped) {
            return "ShipmentShipped";
        }
        return event instanceof ShipmentEvent.Delivered ? "ShipmentDelivered" : "ShipmentFailed";
    }

    static Object payload(ShipmentEvent event) {
        String shipmentId = event.shipmentId().toString();
        String orderId = event.orderId().toString();
        if (event instanceof ShipmentEvent.Scheduled e) {
            return new ShipmentScheduled(shipmentId, orderId, AddressView.of(e.address()));
        }
        if (event instanceof ShipmentEvent.Shipped e) {
            return new ShipmentShipped(shipmentId, orderId, e.trackingNumber());
        }
        if (event instanceof ShipmentEvent.Delivered) {
            return new ShipmentDelivered(shipmentId, orderId);
        }
        return new ShipmentFailed(shipmentId, orderId, ((ShipmentEvent.Failed) event).reason());
    }

    private PublishedLanguage() {
    }
}
