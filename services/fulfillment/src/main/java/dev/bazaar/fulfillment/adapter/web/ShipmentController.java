package dev.bazaar.fulfillment.adapter.web;

import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.Shipment;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shipment of an order, for the shopper who ordered it, staff and the operator. Another shopper's shipment is
 * answered as an unknown one, so that order ids cannot be probed.
 */
@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

    private final Shipping shipping;

    ShipmentController(Shipping shipping) {
        this.shipping = shipping;
    }

    @GetMapping("/{orderId}")
    ShipmentView shipment(@PathVariable String orderId, Caller caller) {
        return shipping.find(orderId(orderId)).filter(shipment -> caller.mayRead(shipment.customerId())).map(ShipmentView::of)
                .orElseThrow(() -> new UnknownShipment(orderId));
    }

    @ExceptionHandler(UnknownShipment.class)
    ProblemDetail unknown(UnknownShipment e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown-shipment", "Unknown shipment", e.getMessage());
    }

    private static UUID orderId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            // Not an order id at all: there is no shipment for it either.
            throw new UnknownShipment(value);
        }
    }

    static class UnknownShipment extends RuntimeException {
        UnknownShipment(String orderId) {
            super("No shipment is known for order " + orderId);
        }
    }

    /** {@code deliveryInstructions}: what the carrier reads on the parcel, as the shopper gave them; null for none. */
    record ShipmentView(String shipmentId, String orderId, String status, AddressView address, String deliveryInstructions,
                        String trackingNumber, String reason) {
        static ShipmentView of(Shipment shipment) {
            return new ShipmentView(shipment.id().toString(), shipment.orderId().toString(), shipment.status().name(),
                    AddressView.of(shipment.address()), shipment.deliveryInstructions(), shipment.trackingNumber(),
                    shipment.reason());
        }
    }

    record AddressView(String line1, String city, String postalCode, String country) {
        static AddressView of(Address address) {
            return address == null ? null
                    : new AddressView(address.line1(), address.city(), address.postalCode(), address.country());
        }
    }
}
