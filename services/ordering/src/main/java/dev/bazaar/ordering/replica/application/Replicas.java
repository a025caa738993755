package dev.bazaar.ordering.replica.application;

import java.time.Instant;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.CatalogPrices;
import dev.bazaar.ordering.replica.KnownCustomers;
import dev.bazaar.ordering.replica.PaymentKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps what ordering knows of other contexts in step with their events; never calls them. */
@Service
public class Replicas {

    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    private final CatalogPrices prices;
    private final KnownCustomers customers;
    private final PaymentKeys keys;

    public Replicas(CatalogPrices prices, KnownCustomers customers, PaymentKeys keys) {
        this.prices = prices;
        this.customers = customers;
        this.keys = keys;
    }

    @Transactional
    public void onProductAdded(CatalogPrice product) {
        prices.put(product);
    }

    @Transactional
    public void onProductPriceChanged(Sku sku, Money newPrice) {
        // Catalog announces a product before any change of its price, on the same key and so the same
        // partition: an unknown SKU here means a replica built from a truncated topic, and a price
        // without a name cannot be sold anyway.
        if (!prices.changePrice(sku, newPrice)) {
            log.warn("Price change for unknown product {} ignored", sku);
        }
    }

    @Transactional
    public void onCustomerRegistered(CustomerId customer, Instant registeredAt) {
        customers.register(customer, registeredAt);
    }

    @Transactional
    public void onCardEncryptionKeyIssued(CardEncryptionKey key, Instant issuedAt) {
        keys.issued(key, issuedAt);
        log.info("Card encryption key {} of payment received", key.keyId());
    }
}
