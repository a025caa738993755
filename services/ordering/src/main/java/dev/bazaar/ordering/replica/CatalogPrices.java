package dev.bazaar.ordering.replica;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;

/** Ordering's replica of catalog's products and prices, fed by catalog.events. */
public interface CatalogPrices {

    /**
     * Adds the product, or replaces what was known of it with a newer version; null stands for an event from before
     * catalog counted versions, applied as it comes.
     *
     * @return false when a newer version of the product is known already
     */
    boolean put(CatalogPrice price, Long version);

    /** @return false when the product is not known, or a newer version of it is */
    boolean changePrice(Sku sku, Money price, Long version);

    /** @return the known products among the given SKUs */
    Map<Sku, CatalogPrice> find(Collection<Sku> skus);

    /** The currency most products are priced in, to say what nothing costs (an empty cart); empty while none is known. */
    Optional<String> currency();
}
