package dev.bazaar.fulfillment.adapter.kafka;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/** What fulfillment reads from customer: where each customer's parcels go. Other customer facts do not concern it. */
@Component
class CustomerEvents extends Subscription {

    CustomerEvents(Shipping shipping) {
        super("customer.events");
        on("CustomerRegistered", CustomerAddressView.class, CustomerAddressView::toCommand, shipping::on);
        on("CustomerAddressChanged", CustomerAddressView.class, CustomerAddressView::toCommand, shipping::on);
    }

    /**
     * Fulfillment's reading of both CustomerRegistered and CustomerAddressChanged: the customer and
     * the address. Name and e-mail are left unread: fulfillment has no use for them.
     */
    record CustomerAddressView(String customerId, AddressView address, Long version) {
        Shipping.CustomerAddressKnown toCommand() {
            return new Shipping.CustomerAddressKnown(uuid(customerId, "customerId"), required(address, "address").toAddress(), version);
        }
    }

    /** An address as customer publishes it. */
    record AddressView(String line1, String city, String postalCode, String country) {
        Address toAddress() {
            return new Address(line1, city, postalCode, country);
        }
    }
}
