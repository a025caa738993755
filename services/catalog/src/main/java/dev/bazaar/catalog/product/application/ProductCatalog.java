package dev.bazaar.catalog.product.application;

import java.util.Optional;

import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.Product;
import dev.bazaar.catalog.product.ProductEvent;
import dev.bazaar.catalog.product.Products;
import dev.bazaar.catalog.product.Sku;
import dev.bazaar.catalog.search.ProductListing;
import dev.bazaar.catalog.search.ProductSearch;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What can be done with the catalog. Every change and its event commit together. */
@Service
public class ProductCatalog {

    private final Products products;
    private final ProductSearch search;
    private final Outbox outbox;

    public ProductCatalog(Products products, ProductSearch search, Outbox outbox) {
        this.products = products;
        this.search = search;
        this.outbox = outbox;
    }

    @Transactional
    public Product add(Product product) {
        if (!products.add(product)) {
            throw new ProductAlreadyExists(product.sku());
        }
        // The read model changes in the same transaction: a shopper finds what was just added.
        search.record(ProductListing.of(product));
        publish(product.added());
        return product;
    }

    /** Locks the product first: two changes at once apply one after the other, each announcing the price it replaced. */
    @Transactional
    public Product changePrice(Sku sku, Money price) {
        Product product = products.findForUpdate(sku).orElseThrow(() -> new UnknownProduct(sku));
        ProductEvent.PriceChanged changed = product.changePrice(price);
        products.update(product);
        search.record(ProductListing.of(product));
        publish(changed);
        return product;
    }

    @Transactional(readOnly = true)
    public Optional<Product> find(Sku sku) {
        return products.find(sku);
    }

    /** A page of the listings that match, by category, then SKU. */
    @Transactional(readOnly = true)
    public Page<ProductListing> search(ProductSearch.Query query, PageRequest request) {
        return Page.of(search.search(query, request.offset(), request.size()), request, search.count(query));
    }

    private void publish(ProductEvent event) {
        outbox.append(event.sku().value(), PublishedLanguage.payload(event));
    }

    public static class UnknownProduct extends RuntimeException {
        public UnknownProduct(Sku sku) {
            super("No product has SKU " + sku);
        }
    }

    public static class ProductAlreadyExists extends RuntimeException {
        public ProductAlreadyExists(Sku sku) {
            super("A product with SKU " + sku + " exists already");
        }
    }
}
