package dev.bazaar.ordering.adapter.kafka;

import java.math.BigDecimal;
import java.util.function.Supplier;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.platform.messaging.InboundEvent;
import dev.bazaar.platform.messaging.MalformedEventException;

/**
 * Turns what another context wrote into ordering's own values. An event whose content cannot be
 * read (a missing id, a price that is not a price) will not get better with retries: it is
 * malformed, and goes to the dead-letter topic at once.
 */
final class Read {

    private Read() {
    }

    static <T> T value(InboundEvent event, String field, Supplier<T> reader) {
        try {
            T value = reader.get();
            if (value == null) {
                throw new MalformedEventException(event.type() + " " + event.id() + " has no " + field);
            }
            return value;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has an unreadable " + field + ": " + e.getMessage());
        }
    }

    static OrderId orderId(InboundEvent event, String orderId) {
        return value(event, "orderId", () -> OrderId.of(require(orderId)));
    }

    static Money money(InboundEvent event, String field, Price price) {
        return value(event, field, () -> new Money(require(price).amount(), price.currency()));
    }

    static String text(InboundEvent event, String field, String text) {
        return value(event, field, () -> text == null || text.isBlank() ? null : text);
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalArgumentException("missing");
        }
        return value;
    }

    /** A price or an amount, as every context writes it. */
    record Price(BigDecimal amount, String currency) {
    }
}
