package dev.bazaar.fulfillment.adapter.kafka;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * What fulfillment reads from customer: where each customer's parcels go, and what the carrier should read on them.
 * Other customer facts do not concern it.
 */
@Component
class CustomerEvents extends Subscription {

    CustomerEvents(Shipping shipping) {
        super("customer.events");
        on("CustomerRegistered", CustomerAddressView.class, CustomerAddressView::toCommand, shipping::on);
        on("CustomerAddressChanged", CustomerAddressView.class, CustomerAddressView::toCommand, shipping::on);
        on("CustomerPreferencesChanged", CustomerPreferencesView.class, CustomerPreferencesView::toCommand, shipping::on);
    }

    /** Fulfillment's reading of CustomerPreferencesChanged: the delivery instructions, an empty text for none. */
    record CustomerPreferencesView(String customerId, String deliveryInstructions, Long version) {
        Shipping.DeliveryInstructionsKnown toCommand() {
            return new Shipping.DeliveryInstructionsKnown(uuid(customerId, "customerId"),
                    required(deliveryInstructions, "deliveryInstructions").strip(), required(version, "version"));
        }
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
