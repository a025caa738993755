package dev.bazaar.fulfillment.adapter.kafka;

import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** What fulfillment reads from customer: where each customer's parcels go. */
@Component
class CustomerEvents {

    private final Inbox inbox;
    private final Shipping shipping;

    CustomerEvents(Inbox inbox, Shipping shipping) {
        this.inbox = inbox;
        this.shipping = shipping;
    }

    @KafkaListener(topics = "customer.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        switch (event.type()) {
            case "CustomerRegistered" -> shipping.on(event.payload(CustomerAddressView.class).toCommand("CustomerRegistered"));
            case "CustomerAddressChanged" -> shipping.on(event.payload(CustomerAddressView.class).toCommand("CustomerAddressChanged"));
            default -> {
                // Other customer facts do not concern fulfillment (tolerant reader).
            }
        }
    }

    /**
     * Fulfillment's reading of both CustomerRegistered and CustomerAddressChanged: the customer and
     * the address. Name and e-mail are left unread: fulfillment has no use for them.
     */
    record CustomerAddressView(String customerId, Views.AddressView address) {
        Shipping.CustomerAddressKnown toCommand(String type) {
            return Views.read(type, () -> new Shipping.CustomerAddressKnown(Views.uuid(customerId),
                    Views.AddressView.toAddress(address)));
        }
    }
}
