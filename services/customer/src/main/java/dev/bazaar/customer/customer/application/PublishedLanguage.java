package dev.bazaar.customer.customer.application;

import dev.bazaar.customer.customer.Address;
import dev.bazaar.customer.customer.CustomerEvent;

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

    record CustomerRegistered(String customerId, String email, String name, AddressView address) {
    }

    record CustomerAddressChanged(String customerId, AddressView address) {
    }

    // Java 17: no pattern matching for switch yet, so the sealed hierarchy is walked with instanceof.
    static String type(CustomerEvent event) {
        return event instanceof CustomerEvent.Registered ? "CustomerRegistered" : "CustomerAddressChanged";
    }

    static Object payload(CustomerEvent event) {
        if (event instanceof CustomerEvent.Registered e) {
            return new CustomerRegistered(e.customerId().toString(), e.email().value(), e.name(), AddressView.of(e.address()));
        }
        CustomerEvent.AddressChanged e = (CustomerEvent.AddressChanged) event;
        return new CustomerAddressChanged(e.customerId().toString(), AddressView.of(e.address()));
    }

    private PublishedLanguage() {
    }
}
