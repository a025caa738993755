package dev.bazaar.ordering.replica;

import java.util.Collection;
import java.util.Map;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;

/** Ordering's replica of catalog's products and prices, fed by catalog.events. */
public interface CatalogPrices {

    /** Adds the product, or replaces what was known of it. */
    void put(CatalogPrice price);

    /** @return false when the product is not known */
    boolean changePrice(Sku sku, Money price);

    /** @return the known products among the given SKUs */
    Map<Sku, CatalogPrice> find(Collection<Sku> skus);
}
