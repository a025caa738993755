package dev.bazaar.ordering.adapter.kafka;

import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.application.Replicas;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Catalog's products and prices, for pricing orders without asking catalog. */
@Component
class CatalogEvents {

    private final Inbox inbox;
    private final Replicas replicas;

    CatalogEvents(Inbox inbox, Replicas replicas) {
        this.inbox = inbox;
        this.replicas = replicas;
    }

    @KafkaListener(topics = "catalog.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    void handle(InboundEvent event) {
        switch (event.type()) {
            case "ProductAdded" -> {
                ProductAdded added = event.payload(ProductAdded.class);
                replicas.onProductAdded(new CatalogPrice(Read.value(event, "sku", () -> new Sku(added.sku())),
                        Read.text(event, "name", added.name()), Read.money(event, "price", added.price())));
            }
            case "ProductPriceChanged" -> {
                ProductPriceChanged changed = event.payload(ProductPriceChanged.class);
                replicas.onProductPriceChanged(Read.value(event, "sku", () -> new Sku(changed.sku())),
                        Read.money(event, "newPrice", changed.newPrice()));
            }
            default -> {
                // Tolerant reader: whatever else catalog announces is none of ordering's business.
            }
        }
    }

    record ProductAdded(String sku, String name, Read.Price price) {
    }

    record ProductPriceChanged(String sku, Read.Price newPrice) {
    }
}
