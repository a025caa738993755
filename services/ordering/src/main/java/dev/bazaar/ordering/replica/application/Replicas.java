package dev.bazaar.ordering.replica.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.CatalogPrices;
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
    private final PaymentKeys keys;

    public Replicas(CatalogPrices prices, PaymentKeys keys) {
        this.prices = prices;
        this.keys = keys;
    }

    /** A product added, or announced again by a replay: what is older than the replica is left out. */
    @Transactional
    public void on(ProductAdded added) {
        if (!prices.put(new CatalogPrice(added.sku(), added.name(), added.price()), added.version())) {
            log.info("ProductAdded for {} (version {}) is older than the replica; not applied", added.sku(), added.version());
        }
    }

    /**
     * A price change, applied only when newer than what the replica holds: a late or redriven change never puts
     * back an old price. Catalog announces a product before any change of its price, on the same key and so the
     * same partition: an unknown SKU here means a replica built from a truncated topic, and a price without a
     * name cannot be sold anyway.
     */
    @Transactional
    public void on(ProductPriceChanged changed) {
        if (!prices.changePrice(changed.sku(), changed.newPrice(), changed.version())) {
            log.warn("Price change of {} (version {}) not applied: the product is unknown, or a newer version is known",
                    changed.sku(), changed.version());
        }
    }

    @Transactional
    public void on(CardKeysOffered offered) {
        keys.offered(offered.keys(), offered.offeredAt());
        log.info("{} card keys offered by payment received", offered.keys().size());
    }

    /**
     * Catalog put a product on sale: what ordering needs to price a line of it.
     *
     * @param version the product's version; null in events from before catalog counted versions
     */
    public record ProductAdded(Sku sku, String name, Money price, Long version) {
        public ProductAdded {
            Objects.requireNonNull(sku, "sku");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a product has a name");
            }
            Objects.requireNonNull(price, "price");
        }
    }

    public record ProductPriceChanged(Sku sku, Money newPrice, Long version) {
        public ProductPriceChanged {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(newPrice, "new price");
        }
    }

    /** Payment's one-time keys for encrypting cards, one per order. */
    public record CardKeysOffered(List<CardEncryptionKey> keys, Instant offeredAt) {
        public CardKeysOffered {
            keys = List.copyOf(keys);
            Objects.requireNonNull(offeredAt, "offered at");
        }
    }
}
