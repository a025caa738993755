package dev.bazaar.inventory.reservation;

import java.util.Objects;
import java.util.UUID;

/** The id of an order, given by ordering; a reservation is known by the order it is for. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "order id");
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static OrderId parse(String text) {
        try {
            return new OrderId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("An order id is a UUID, was " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
