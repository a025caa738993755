package dev.bazaar.catalog.product;

import java.util.List;
import java.util.Optional;

/** Where products are kept. */
public interface Products {

    Optional<Product> find(Sku sku);

    /** @return false when a product with that SKU exists already */
    boolean add(Product product);

    void update(Product product);

    Page search(Query query);

    long count();

    /** What a shopper asks for: free text in name or description, an exact category, a page. */
    record Query(String text, String category, int page, int size) {
    }

    record Page(List<Product> items, int page, int size, long total) {
    }
}
