package dev.bazaar.catalog.product;

import java.util.Optional;

/** Where products are kept. */
public interface Products {

    Optional<Product> find(Sku sku);

    /** Finds the product and locks it until the transaction ends, so that concurrent changes apply one after the other. */
    Optional<Product> findForUpdate(Sku sku);

    /** @return false when a product with that SKU exists already */
    boolean add(Product product);

    void update(Product product);

    long count();
}
