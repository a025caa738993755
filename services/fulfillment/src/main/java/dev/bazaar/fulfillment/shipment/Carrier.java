package dev.bazaar.fulfillment.shipment;

import java.time.Duration;
import java.util.UUID;

/** The carrier that moves parcels: an external system with its own timetable and its own refusals. */
public interface Carrier {

    /** How long after a shipment is scheduled the carrier comes for it. */
    Duration pickupDelay();

    /** How long after pick-up the carrier delivers. */
    Duration deliveryDelay();

    /** The carrier comes for a shipment: it takes it, with a tracking number, or refuses it. */
    Pickup pickUp(UUID shipmentId, Address destination);

    record Pickup(String trackingNumber, String refusal) {

        public static Pickup accepted(String trackingNumber) {
            return new Pickup(trackingNumber, null);
        }

        public static Pickup refused(String reason) {
            return new Pickup(null, reason);
        }

        public boolean isAccepted() {
            return trackingNumber != null;
        }
    }
}
