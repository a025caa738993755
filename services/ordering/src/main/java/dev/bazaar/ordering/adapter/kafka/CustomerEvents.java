package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Which customers exist: ordering needs nothing else of them (fulfillment keeps the addresses). */
@Component
class CustomerEvents {

    private final Inbox inbox;
    private final Replicas replicas;

    CustomerEvents(Inbox inbox, Replicas replicas) {
        this.inbox = inbox;
        this.replicas = replicas;
    }

    @KafkaListener(topics = "customer.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    void handle(InboundEvent event) {
        if ("CustomerRegistered".equals(event.type())) {
            CustomerRegistered registered = event.payload(CustomerRegistered.class);
            replicas.onCustomerRegistered(Read.value(event, "customerId", () -> CustomerId.of(registered.customerId())),
                    event.time());
        }
        // Tolerant reader: address changes and anything else are none of ordering's business.
    }

    record CustomerRegistered(String customerId) {
    }
}
