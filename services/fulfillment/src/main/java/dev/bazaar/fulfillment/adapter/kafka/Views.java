package dev.bazaar.fulfillment.adapter.kafka;

import java.util.UUID;
import java.util.function.Supplier;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.platform.messaging.MalformedEventException;

/**
 * Turning another context's event into a command. An event that breaks its contract (a missing
 * field, an id that is no UUID) will never be applicable, so it is malformed: dead-lettered at once.
 */
final class Views {

    private Views() {
    }

    static <T> T read(String type, Supplier<T> command) {
        try {
            return command.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(type + " breaks its contract: " + e.getMessage());
        }
    }

    static UUID uuid(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing an id");
        }
        return UUID.fromString(value);
    }

    /** An address as customer publishes it. */
    record AddressView(String line1, String city, String postalCode, String country) {
        static Address toAddress(AddressView view) {
            if (view == null) {
                throw new IllegalArgumentException("missing the address");
            }
            return new Address(view.line1, view.city, view.postalCode, view.country);
        }
    }
}
