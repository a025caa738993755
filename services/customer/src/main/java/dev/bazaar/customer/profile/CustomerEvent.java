package dev.bazaar.customer.profile;

/** Facts about customers that customer publishes on {@code customer.events}. */
public sealed interface CustomerEvent {

    CustomerId customerId();

    record Registered(CustomerId customerId, Email email, String name, Address address) implements CustomerEvent {
    }

    record AddressChanged(CustomerId customerId, Address address) implements CustomerEvent {
    }
}
