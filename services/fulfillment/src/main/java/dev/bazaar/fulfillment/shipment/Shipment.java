package dev.bazaar.fulfillment.shipment;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The shipment of one confirmed order. It waits for the customer's address if that is not known
 * yet, is then scheduled with the carrier, shipped when the carrier picks it up, and delivered.
 * Until it is shipped it can still fail (the carrier refuses it) or be cancelled (the order is); until it is delivered,
 * a cancellation that crossed the pick-up recalls it.
 * Each carrier step has a due time; the carrier cannot take a step before it.
 */
public final class Shipment {

    private final UUID id;
    private final UUID orderId;
    private final UUID customerId;
    private ShipmentStatus status;
    private Address address;
    private String deliveryInstructions;
    private String trackingNumber;
    private String reason;
    private Instant nextStepAt;

    private Shipment(UUID id, UUID orderId, UUID customerId, ShipmentStatus status, Address address,
                     String deliveryInstructions, String trackingNumber, String reason, Instant nextStepAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.status = Objects.requireNonNull(status, "status");
        this.address = address;
        this.deliveryInstructions = instructions(deliveryInstructions);
        this.trackingNumber = trackingNumber;
        this.reason = reason;
        this.nextStepAt = nextStepAt;
    }

    /** A shipment for a newly confirmed order, waiting for the address it goes to. */
    public static Shipment forOrder(UUID id, UUID orderId, UUID customerId) {
        return new Shipment(id, orderId, customerId, ShipmentStatus.WAITING_FOR_ADDRESS, null, null, null, null, null);
    }

    /** A shipment as it was stored. */
    public static Shipment restore(UUID id, UUID orderId, UUID customerId, ShipmentStatus status, Address address,
                                   String deliveryInstructions, String trackingNumber, String reason, Instant nextStepAt) {
        return new Shipment(id, orderId, customerId, status, address, deliveryInstructions, trackingNumber, reason, nextStepAt);
    }

    /** Hands the shipment, without delivery instructions, to the carrier, which comes for it at {@code pickupAt}. */
    public ShipmentEvent.Scheduled schedule(Address to, Instant pickupAt) {
        return schedule(to, null, pickupAt);
    }

    /**
     * Hands the shipment to the carrier, which comes for it at {@code pickupAt}. The address and the customer's
     * delivery instructions (null or blank: none) are the ones known now: like the address, instructions that change
     * later do not follow a shipment already scheduled.
     */
    public ShipmentEvent.Scheduled schedule(Address to, String instructions, Instant pickupAt) {
        requireStatus("schedule", ShipmentStatus.WAITING_FOR_ADDRESS);
        address = Objects.requireNonNull(to, "address");
        deliveryInstructions = instructions(instructions);
        nextStepAt = Objects.requireNonNull(pickupAt, "pickupAt");
        status = ShipmentStatus.SCHEDULED;
        return new ShipmentEvent.Scheduled(id, orderId, address);
    }

    /** Whether the carrier's next step (pick-up or delivery) is due. */
    public boolean carrierStepDue(Instant now) {
        return (status == ShipmentStatus.SCHEDULED || status == ShipmentStatus.SHIPPED) && !now.isBefore(nextStepAt);
    }

    /** The carrier picked the shipment up; it will deliver at {@code deliverAt}. */
    public ShipmentEvent.Shipped ship(String tracking, Instant now, Instant deliverAt) {
        requireStatus("ship", ShipmentStatus.SCHEDULED);
        requireDue("ship", now);
        if (tracking == null || tracking.isBlank()) {
            throw new IllegalArgumentException("A shipped shipment has a tracking number");
        }
        trackingNumber = tracking;
        nextStepAt = Objects.requireNonNull(deliverAt, "deliverAt");
        status = ShipmentStatus.SHIPPED;
        return new ShipmentEvent.Shipped(id, orderId, trackingNumber);
    }

    public ShipmentEvent.Delivered deliver(Instant now) {
        requireStatus("deliver", ShipmentStatus.SHIPPED);
        requireDue("deliver", now);
        status = ShipmentStatus.DELIVERED;
        nextStepAt = null;
        return new ShipmentEvent.Delivered(id, orderId);
    }

    /** Nothing will ship, for example because the carrier refused the destination. */
    public ShipmentEvent.Failed fail(String why) {
        requireStatus("fail", ShipmentStatus.WAITING_FOR_ADDRESS, ShipmentStatus.SCHEDULED);
        end(ShipmentStatus.FAILED, why);
        return new ShipmentEvent.Failed(id, orderId, reason);
    }

    /** The order was cancelled before the carrier took the shipment; the carrier never will. */
    public ShipmentEvent.Cancelled cancel(String why) {
        requireStatus("cancel", ShipmentStatus.WAITING_FOR_ADDRESS, ShipmentStatus.SCHEDULED);
        end(ShipmentStatus.CANCELLED, why);
        return new ShipmentEvent.Cancelled(id, orderId, reason);
    }

    /**
     * The order was cancelled while the carrier had the shipment: its cancellation crossed the pick-up. The carrier
     * brings the parcel back instead of delivering it, so the goods inventory restocked and the money payment refunded
     * for the cancellation are not also with the customer.
     */
    public ShipmentEvent.Cancelled recall(String why) {
        requireStatus("recall", ShipmentStatus.SHIPPED);
        end(ShipmentStatus.CANCELLED, why);
        return new ShipmentEvent.Cancelled(id, orderId, reason);
    }

    private void end(ShipmentStatus outcome, String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("A reason is required");
        }
        status = outcome;
        reason = why.strip();
        nextStepAt = null;
    }

    private static String instructions(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void requireDue(String action, Instant now) {
        if (now.isBefore(nextStepAt)) {
            throw new IllegalStateException("Cannot " + action + " shipment " + id + " before " + nextStepAt);
        }
    }

    private void requireStatus(String action, ShipmentStatus... allowed) {
        for (ShipmentStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw new IllegalStateException("Cannot " + action + " shipment " + id + ": it is " + status);
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public UUID customerId() {
        return customerId;
    }

    public ShipmentStatus status() {
        return status;
    }

    /** Null while waiting for the address. */
    public Address address() {
        return address;
    }

    /** What the carrier should read on the parcel; null when the customer gave none, or while waiting for the address. */
    public String deliveryInstructions() {
        return deliveryInstructions;
    }

    /** Null until shipped. */
    public String trackingNumber() {
        return trackingNumber;
    }

    /** Why it failed or was cancelled; null otherwise. */
    public String reason() {
        return reason;
    }

    /** When the carrier's next step is due; null when there is none. */
    public Instant nextStepAt() {
        return nextStepAt;
    }
}
