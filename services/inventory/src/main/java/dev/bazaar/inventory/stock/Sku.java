package dev.bazaar.inventory.stock;

import java.util.regex.Pattern;

/** A stock-keeping unit: the id of a product, shared by every context that speaks of it. */
public record Sku(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");

    public Sku {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("A SKU is 2 to 32 capital letters, digits and dashes, was " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
