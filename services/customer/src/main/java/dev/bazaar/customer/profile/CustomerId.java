package dev.bazaar.customer.profile;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of a customer, shared by every context that speaks of them: the id of the shopper's account at identity,
 * which names it when they sign up (the customer service makes none of its own).
 */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
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
