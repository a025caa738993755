package dev.bazaar.catalog.product.application;

import java.util.List;

import dev.bazaar.catalog.CatalogProperties;
import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.Product;
import dev.bazaar.catalog.product.Products;
import dev.bazaar.catalog.product.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds a demo catalog on first start, through the same use case as any other product, so that
 * every seeded product is announced on {@code catalog.events} and other services learn of it.
 */
@Component
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final Products products;
    private final ProductCatalog catalog;
    private final CatalogProperties properties;

    DemoCatalog(Products products, ProductCatalog catalog, CatalogProperties properties) {
        this.products = products;
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!properties.demoData() || products.count() > 0) {
            return;
        }
        PRODUCTS.forEach(catalog::add);
        log.info("Seeded the demo catalog with {} products", PRODUCTS.size());
    }

    private static Product product(String sku, String name, String description, String category, String price) {
        return new Product(new Sku(sku), name, description, category, Money.of(price, "EUR"));
    }

    static final List<Product> PRODUCTS = List.of(
            product("BOOK-001", "Designing Data-Intensive Applications", "Reliable, scalable and maintainable systems", "books", "39.90"),
            product("BOOK-002", "Domain-Driven Design", "Tackling complexity in the heart of software", "books", "54.50"),
            product("BOOK-003", "Building Microservices", "Designing fine-grained systems", "books", "44.00"),
            product("BOOK-004", "Release It!", "Design and deploy production-ready software", "books", "34.95"),
            product("BOOK-005", "Enterprise Integration Patterns", "Messaging solutions that work", "books", "59.00"),
            product("BOOK-006", "The Pragmatic Programmer", "Your journey to mastery", "books", "42.00"),
            product("HOME-001", "Espresso Machine", "15 bar pump, steam wand, 1.8 l tank", "home", "249.00"),
            product("HOME-002", "Burr Coffee Grinder", "40 grind settings, conical steel burrs", "home", "89.90"),
            product("HOME-003", "Cast Iron Skillet", "26 cm, pre-seasoned", "home", "34.90"),
            product("HOME-004", "Chef's Knife", "20 cm blade, forged steel", "home", "79.00"),
            product("HOME-005", "Linen Tea Towels", "Set of three, stonewashed", "home", "19.50"),
            product("HOME-006", "Glass Storage Jars", "Set of six with bamboo lids", "home", "29.90"),
            product("TECH-001", "Mechanical Keyboard", "Tenkeyless, hot-swappable switches", "electronics", "129.00"),
            product("TECH-002", "Wireless Mouse", "Silent clicks, 70 days on a charge", "electronics", "39.00"),
            product("TECH-003", "USB-C Hub", "Seven ports, 100 W pass-through", "electronics", "49.90"),
            product("TECH-004", "Noise-Cancelling Headphones", "Over-ear, 30 hours of battery", "electronics", "299.00"),
            product("TECH-005", "27-inch Monitor", "QHD, IPS, height-adjustable stand", "electronics", "319.00"),
            product("TECH-006", "Webcam", "1080p, privacy shutter", "electronics", "69.00"),
            product("GARD-001", "Pruning Shears", "Bypass blade for branches up to 2 cm", "garden", "24.90"),
            product("GARD-002", "Watering Can", "Galvanised steel, 9 litres", "garden", "32.00"),
            product("GARD-003", "Herb Seed Collection", "Basil, thyme, parsley, chives, coriander", "garden", "12.50"),
            product("GARD-004", "Raised Garden Bed", "Larch wood, 120 x 60 cm", "garden", "139.00"),
            product("GARD-005", "Garden Gloves", "Nitrile-coated, size M", "garden", "9.90"),
            product("GARD-006", "Compost Bin", "Recycled plastic, 330 litres", "garden", "74.00"));
}
