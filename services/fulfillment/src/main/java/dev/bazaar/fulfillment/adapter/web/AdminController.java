package dev.bazaar.fulfillment.adapter.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.bazaar.fulfillment.shipment.Shipment;
import dev.bazaar.fulfillment.shipment.ShipmentStatus;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators and the launcher's audit read of fulfillment, on its own port only (the gateway
 * does not route /admin): every shipment, so that "nothing charged without being shipped or
 * refunded" can be checked against ordering's orders and payment's captures.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

    private final Shipping shipping;

    AdminController(Shipping shipping) {
        this.shipping = shipping;
    }

    /** Every shipment, oldest first; {@code ?status=FAILED} (or any other status) for those only. */
    @GetMapping("/shipments")
    Page<ShipmentView> shipments(@RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "100") @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                                 @RequestParam(required = false) String status) {
        return shipping.list(status(status), new PageRequest(page, size)).map(ShipmentView::of);
    }

    private static Optional<ShipmentStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShipmentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "status must be one of " + Arrays.toString(ShipmentStatus.values()) + ", was " + status);
        }
    }

    /** {@code reason} says why a shipment failed or was cancelled; null otherwise. */
    record ShipmentView(String shipmentId, String orderId, String status, String trackingNumber, String reason) {
        static ShipmentView of(Shipment shipment) {
            return new ShipmentView(shipment.id().toString(), shipment.orderId().toString(), shipment.status().name(),
                    shipment.trackingNumber(), shipment.reason());
        }
    }
}
