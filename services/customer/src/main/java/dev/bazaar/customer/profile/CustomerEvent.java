package dev.bazaar.customer.profile;

/** Facts about customers that customer publishes on {@code customer.events}. */
public sealed interface CustomerEvent {

    CustomerId customerId();

    /** The customer's version once the event is applied. */
    long version();

    record Registered(CustomerId customerId, Email email, String name, Address address, long version) implements CustomerEvent {
    }

    record AddressChanged(CustomerId customerId, Address address, long version) implements CustomerEvent {
    }
}
