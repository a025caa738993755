package dev.bazaar.customer.profile.application;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.CustomerEvent;
import dev.bazaar.platform.messaging.EventType;

/**
 * The events as they appear on {@code customer.events}, described by the schemas in
 * {@code contracts/customer/}. Kept apart from the domain so the domain can change without
 * breaking a consumer.
 */
final class PublishedLanguage {

    record AddressView(String line1, String city, String postalCode, String country) {
        static AddressView of(Address address) {
            return new AddressView(address.line1(), address.city(), address.postalCode(), address.country());
        }
    }

    @EventType("CustomerRegistered")
    record CustomerRegistered(String customerId, String email, String name, AddressView address, long version) {
    }

    @EventType("CustomerAddressChanged")
    record CustomerAddressChanged(String customerId, AddressView address, long version) {
    }

    @EventType("CustomerPreferencesChanged")
    record CustomerPreferencesChanged(String customerId, String deliveryInstructions, long version) {
    }

    static Object payload(CustomerEvent event) {
        return event.match(new CustomerEvent.Cases<>() {
            @Override
            public Object registered(CustomerEvent.Registered e) {
                return new CustomerRegistered(e.customerId().toString(), e.email().value(), e.name(),
                        AddressView.of(e.address()), e.version());
            }

            @Override
            public Object addressChanged(CustomerEvent.AddressChanged e) {
                return new CustomerAddressChanged(e.customerId().toString(), AddressView.of(e.address()), e.version());
            }

            @Override
            public Object preferencesChanged(CustomerEvent.PreferencesChanged e) {
                return new CustomerPreferencesChanged(e.customerId().toString(), e.deliveryInstructions(), e.version());
            }
        });
    }

    private PublishedLanguage() {
    }
}
