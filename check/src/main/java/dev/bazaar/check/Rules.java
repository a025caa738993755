package dev.bazaar.check;

import java.util.Set;

/**
 * Every threshold and word list the check decides with, in one place.
 *
 * <h2>Sign 2, shared database</h2>
 * A service's database is what its configuration says: {@code spring.datasource.url} and
 * {@code spring.datasource.username} in {@code src/main/resources/application.properties|yml|yaml}, with
 * {@code ${VAR:default}} placeholders resolved against the service's Compose environment, else to their defaults;
 * JDBC URLs and database users in the {@code environment} of Compose services (the Compose service named like the
 * module, or built from its directory); and {@code database:} of a component in a root {@code topology.yaml} (Bazaar's
 * launcher gives each such component its own database and login role). Two JDBC URLs name the same database when their
 * host, port and database name are equal. The sign is <b>present</b> when {@value #SHARED_DATABASE_MIN_SERVICES} or more
 * services use the same database or the same database user; <b>clear</b> otherwise (a service with no datasource is
 * not a problem).
 *
 * <h2>Sign 4, shared libraries</h2>
 * A shared module is a module of the same build that {@value #SHARED_LIBRARY_MIN_SERVICES} or more services depend on,
 * directly or through other modules of the build. Its {@code src/main/java} types are parsed; a type is
 * <i>domain-looking</i> when a word of its simple name (camel case split, a plural 's' dropped) is a business noun:
 * one of {@link #BUSINESS_NOUNS}, or a word that the names of {@value #SERVICE_WORD_MIN_SERVICES} or more services
 * share, other than {@link #GENERIC_SERVICE_WORDS}. (A word only one service's name carries is not enough: Bazaar's
 * {@code catalog} service would make the topology's technical {@code EventCatalog} look like domain code.) A shared
 * module is <b>domain</b> when at least {@value #DOMAIN_SHARE_PERCENT}% of its types are domain-looking, and then the
 * sign is <b>present</b> if it reaches services at run time (a test-scope-only domain module is a <b>warning</b>). A
 * technical module with some domain-looking types is a <b>warning</b>; technical modules alone are <b>clear</b> and are
 * listed as allowed. A shared module with no Java sources (schemas, resources) is a published language, not code.
 */
public final class Rules {

    /** Services on one database (or one database user) that make sign 2 present. */
    public static final int SHARED_DATABASE_MIN_SERVICES = 2;

    /** Services depending on one internal module that make it shared. */
    public static final int SHARED_LIBRARY_MIN_SERVICES = 2;

    /** Services whose names share a word that makes it a business noun. */
    public static final int SERVICE_WORD_MIN_SERVICES = 2;

    /** The share of domain-looking types, in percent, from which a shared module is a domain module. */
    public static final int DOMAIN_SHARE_PERCENT = 50;

    /**
     * Business nouns of the e-commerce domain (singular, capitalised); extend it for other domains. "Catalog" is left
     * out on purpose: an event catalog or a service catalog is technical.
     */
    public static final Set<String> BUSINESS_NOUNS = Set.of(
            "Order", "Product", "Customer", "User", "Payment", "Cart", "Basket", "Invoice", "Shipment", "Stock",
            "Price", "Money", "Account", "Address", "Sku", "Checkout", "Refund", "Inventory", "Shopper", "Coupon",
            "Discount", "Receipt", "Delivery", "Warehouse", "Category");

    /** Words of a service's name that name no business concept. */
    public static final Set<String> GENERIC_SERVICE_WORDS = Set.of(
            "service", "services", "svc", "app", "application", "api", "server", "ms", "web", "backend", "core");

    private Rules() {
    }

    static String sharedDatabaseRule() {
        return "present when " + SHARED_DATABASE_MIN_SERVICES + "+ services use the same database (host, port, name) "
                + "or the same database user; clear when each service has its own or none";
    }

    static String sharedLibraryRule() {
        return "a module of the build used by " + SHARED_LIBRARY_MIN_SERVICES + "+ services is domain when >= "
                + DOMAIN_SHARE_PERCENT + "% of its types name business nouns: present; technical ones are allowed "
                + "(a few domain-looking types: warning)";
    }
}
