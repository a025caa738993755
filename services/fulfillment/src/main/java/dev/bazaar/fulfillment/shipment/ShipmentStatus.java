package dev.bazaar.fulfillment.shipment;

/** Where a shipment is. DELIVERED, FAILED and CANCELLED are final. */
public enum ShipmentStatus {
    /** The order is confirmed but the customer's address is not known here yet. */
    WAITING_FOR_ADDRESS,
    /** Handed to the carrier, which will pick it up. */
    SCHEDULED,
    SHIPPED,
    DELIVERED,
    FAILED,
    CANCELLED
}
