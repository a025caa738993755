package dev.bazaar.customer.profile;

import java.util.Objects;
import java.util.UUID;

/** The id of a customer, shared by every context that speaks of them. */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
    }

    public static CustomerId newId() {
        return new CustomerId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static CustomerId parse(String text) {
        try {
            return new CustomerId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("A customer id is a UUID, was " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
