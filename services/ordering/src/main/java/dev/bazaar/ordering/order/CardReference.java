package dev.bazaar.ordering.order;

import java.util.Objects;
import java.util.regex.Pattern;

/** All an order keeps of the card it is paid with: the last four digits and which of payment's keys encrypted it. */
public record CardReference(String last4, String keyId) {

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    public CardReference {
        if (last4 == null || !LAST4.matcher(last4).matches()) {
            throw new IllegalArgumentException("A card reference keeps exactly the last four digits");
        }
        Objects.requireNonNull(keyId, "key id");
    }
}
