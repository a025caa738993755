package dev.bazaar.inventory.adapter.kafka;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.application.ProductAdded;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.messaging.InboundEvent;
import dev.bazaar.platform.messaging.Inbox;
import dev.bazaar.platform.messaging.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns the SKUs on sale from catalog. Prices and descriptions are not inventory's business. */
@Component
class CatalogEventsListener {

    private final Inbox inbox;
    private final StockKeeping stock;

    CatalogEventsListener(Inbox inbox, StockKeeping stock) {
        this.inbox = inbox;
        this.stock = stock;
    }

    @KafkaListener(topics = "catalog.events")
    void on(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::handle);
    }

    private void handle(InboundEvent event) {
        if ("ProductAdded".equals(event.type())) {
            stock.on(event.payload(ProductAddedView.class).toFact(event));
        }
    }

    /** The part of catalog's ProductAdded that inventory reads. */
    record ProductAddedView(String sku) {
        ProductAdded toFact(InboundEvent event) {
            try {
                return new ProductAdded(new Sku(sku));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException(event.type() + " " + event.id() + " breaks its contract: " + e.getMessage());
            }
        }
    }
}
