package dev.bazaar.fulfillment.shipment;

import java.util.Optional;
import java.util.UUID;

/** Fulfillment's replica of customers' shipping addresses and delivery instructions, built from customer's events. */
public interface AddressBook {

    /**
     * Serialises work about one customer until the current transaction ends. An order and its
     * customer's address arrive on different topics, handled concurrently; without this a shipment
     * could wait for an address that was written at the same moment and never be scheduled.
     */
    void lockCustomer(UUID customerId);

    /**
     * Where and how to deliver to a customer, read together for a shipment about to be scheduled: the address, with the
     * delivery instructions if any; empty while no address is known.
     */
    Optional<Destination> destinationOf(UUID customerId);

    /**
     * Keeps the address unless a newer version of the customer's is known already; null stands for an event from
     * before customer counted versions, applied as it comes.
     *
     * @return whether the address is now the one kept
     */
    boolean put(UUID customerId, Address address, Long version);

    /** The customer's delivery instructions; empty when none are known (or they were cleared). */
    Optional<String> deliveryInstructions(UUID customerId);

    /**
     * Keeps the delivery instructions (empty: none) unless newer ones of the customer's are known already.
     *
     * @return whether they are now the ones kept
     */
    boolean putDeliveryInstructions(UUID customerId, String instructions, long version);

    /** @param instructions the customer's delivery instructions; null for none */
    record Destination(Address address, String instructions) {
    }
}
