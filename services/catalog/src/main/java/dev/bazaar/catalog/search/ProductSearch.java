package dev.bazaar.catalog.search;

import java.util.List;

/**
 * The catalog's search read model. The write side records every product change here; shoppers'
 * searches read only from here, so the listing can be shaped (and later moved or scaled) for reads
 * without touching the product aggregate.
 */
public interface ProductSearch {

    /** Adds or replaces the listing of a product. */
    void record(ProductListing listing);

    /** The listings that match, by category, then SKU: {@code limit} of them after the first {@code offset}. */
    List<ProductListing> search(Query query, long offset, int limit);

    /** How many listings match. */
    long count(Query query);

    /** What a shopper asks for: free text in name or description, an exact category. */
    record Query(String text, String category) {
    }
}
