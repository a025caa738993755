package dev.bazaar.identity.account;

/** What an account may do: shop, or also run the shop (catalog, stock, operations). */
public enum Role {
    SHOPPER,
    STAFF;

    /** The name in tokens' {@code roles} claim. */
    public String claim() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
