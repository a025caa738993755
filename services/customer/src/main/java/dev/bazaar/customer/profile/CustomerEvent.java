package dev.bazaar.customer.profile;

/** Facts about customers that customer publishes on {@code customer.events}. */
public sealed interface CustomerEvent {

    CustomerId customerId();

    /** The customer's version once the event is applied. */
    long version();

    /** Calls the case of {@code cases} for this kind of event. */
    <R> R match(Cases<R> cases);

    /**
     * One case per kind of event. Every mapping of these events implements Cases, so a new kind of
     * event does not compile until every mapping says what it becomes: Java 17 has no exhaustive
     * switch over a sealed type.
     */
    interface Cases<R> {

        R registered(Registered event);

        R addressChanged(AddressChanged event);

        R preferencesChanged(PreferencesChanged event);
    }

    record Registered(CustomerId customerId, Email email, String name, Address address, long version) implements CustomerEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.registered(this);
        }
    }

    record AddressChanged(CustomerId customerId, Address address, long version) implements CustomerEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.addressChanged(this);
        }
    }

    /** The delivery instructions changed (empty: none now); the rest of the preferences is not published. */
    record PreferencesChanged(CustomerId customerId, String deliveryInstructions, long version) implements CustomerEvent {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.preferencesChanged(this);
        }
    }
}
