package dev.bazaar.customer.adapter.kafka;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/** A shopper who signed up gets their customer record, under the id of their account. */
@Component
class IdentityEvents extends Subscription {

    IdentityEvents(CustomerRegistry registry) {
        super("identity.events");
        on("ShopperSignedUp", ShopperSignedUpView.class, ShopperSignedUpView::toCommand, registry::on);
    }

    record ShopperSignedUpView(String customerId, String email, String name, AddressView address) {
        CustomerRegistry.ShopperSignedUp toCommand() {
            return new CustomerRegistry.ShopperSignedUp(new CustomerId(uuid(customerId, "customerId")),
                    new Email(required(email, "email")), required(name, "name"), required(address, "address").toAddress());
        }
    }

    record AddressView(String line1, String city, String postalCode, String country) {
        Address toAddress() {
            return new Address(line1, city, postalCode, country);
        }
    }
}
