package dev.bazaar.fulfillment.shipment.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.ShipmentEvent;
import dev.bazaar.platform.messaging.EventType;

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

    @EventType("ShipmentScheduled")
    record ShipmentScheduled(String shipmentId, String orderId, AddressView address) {
    }

    @EventType("ShipmentShipped")
    record ShipmentShipped(String shipmentId, String orderId, String trackingNumber) {
    }

    @EventType("ShipmentDelivered")
    record ShipmentDelivered(String shipmentId, String orderId) {
    }

    @EventType("ShipmentFailed")
    record ShipmentFailed(String shipmentId, String orderId, String reason) {
    }

    /**
     * @param shipmentId null, and then left out (the JSON mapper writes nulls, which the schema does not allow), when
     *                   the order never had a shipment here
     */
    @EventType("ShipmentCancelled")
    record ShipmentCancelled(@JsonInclude(JsonInclude.Include.NON_NULL) String shipmentId, String orderId, String reason) {
    }

    static Object payload(ShipmentEvent event) {
        String shipmentId = event.shipmentId() == null ? null : event.shipmentId().toString();
        String orderId = event.orderId().toString();
        return event.match(new ShipmentEvent.Cases<>() {
            @Override
            public Object scheduled(ShipmentEvent.Scheduled e) {
                return new ShipmentScheduled(shipmentId, orderId, AddressView.of(e.address()));
            }

            @Override
            public Object shipped(ShipmentEvent.Shipped e) {
                return new ShipmentShipped(shipmentId, orderId, e.trackingNumber());
            }

            @Override
            public Object delivered(ShipmentEvent.Delivered e) {
                return new ShipmentDelivered(shipmentId, orderId);
            }

            @Override
            public Object failed(ShipmentEvent.Failed e) {
                return new ShipmentFailed(shipmentId, orderId, e.reason());
            }

            @Override
            public Object cancelled(ShipmentEvent.Cancelled e) {
                return new ShipmentCancelled(shipmentId, orderId, e.reason());
            }
        });
    }

    private PublishedLanguage() {
    }
}
