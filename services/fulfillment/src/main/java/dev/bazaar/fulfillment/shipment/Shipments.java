package dev.bazaar.fulfillment.shipment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where shipments are kept: one per order. */
public interface Shipments {

    Optional<Shipment> findByOrder(UUID orderId);

    /**
     * Holds the order until the current transaction ends, whether it has a shipment yet or not: its confirmation and
     * its cancellation, which may come at once (a redriven dead letter beside the live stream), then see each other.
     */
    void lockOrder(UUID orderId);

    /** The order's shipment, locked against the carrier until the current transaction ends. */
    Optional<Shipment> lockByOrder(UUID orderId);

    List<Shipment> waitingForAddressOf(UUID customerId);

    /** A page of shipments, oldest first, optionally only those of one status. */
    List<Shipment> list(Optional<ShipmentStatus> status, long offset, int limit);

    long count(Optional<ShipmentStatus> status);

    void add(Shipment shipment);

    void update(Shipment shipment);

    /**
     * Remembers an order cancelled before any shipment was made for it, so that none ever is.
     *
     * @return whether this is the first time; false when the order was remembered already (and keeps its first reason)
     */
    boolean recordCancellation(UUID orderId, String reason);

    /**
     * Why the order is known here already, if it is: it has a shipment, or it was cancelled before it had one (and
     * why). One question rather than two, as every confirmation asks it.
     */
    Optional<String> knownAlready(UUID orderId);
}
