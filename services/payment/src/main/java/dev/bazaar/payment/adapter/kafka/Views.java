package dev.bazaar.payment.adapter.kafka;

import java.util.UUID;
import java.util.function.Supplier;

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
        return UUID.fromString(require(value, "an id"));
    }

    static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        return value;
    }
}
