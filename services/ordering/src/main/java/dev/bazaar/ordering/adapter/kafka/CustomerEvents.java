package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Subscription;
import org.springframework.stereotype.Component;

/**
 * Which customers exist: ordering needs nothing else of them (fulfillment keeps the addresses), so address
 * changes and anything else are skipped.
 */
@Component
class CustomerEvents extends Subscription {

    CustomerEvents(Replicas replicas) {
        super("customer.events");
        on("CustomerRegistered", CustomerRegisteredView.class,
                (view, event) -> new Replicas.CustomerRegistered(new CustomerId(uuid(view.customerId(), "customerId")), event.time()),
                replicas::on);
    }

    record CustomerRegisteredView(String customerId) {
    }
}
