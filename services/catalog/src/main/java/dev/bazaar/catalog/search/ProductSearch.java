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

    Page search(Query query);

    /** What a shopper asks for: free text in name or description, an exact category, a page. */
    record Query(String text, String category, int page, int size) {
    }

    record Page(List<ProductListing> items, int page, int size, long total) {
    }
}
