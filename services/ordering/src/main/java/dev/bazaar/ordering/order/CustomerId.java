package dev.bazaar.ordering.order;

import java.util.Objects;
import java.util.UUID;

/** A customer of the customer context, referenced by id only. */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
    }

    public static CustomerId of(String value) {
        return new CustomerId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
