package dev.bazaar.platform.messaging;

import java.time.DateTimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a service reads from one other service's topic: the event types it handles, each read into a view of
 * its own (a tolerant reader: unknown fields are ignored) and turned into a command for the application.
 * Types it does not list are skipped; they are someone else's business. A service declares one subscription
 * per topic it reads, as a bean; the chassis gives each its listener, behind the {@link Inbox}:
 *
 * <pre>{@code
 * @Component
 * class CatalogEvents extends Subscription {
 *     CatalogEvents(StockKeeping stock) {
 *         super("catalog.events");
 *         on("ProductAdded", ProductAddedView.class, ProductAddedView::toCommand, stock::on);
 *     }
 *     record ProductAddedView(String sku) {
 *         StockKeeping.ProductAdded toCommand() { return new StockKeeping.ProductAdded(new Sku(required(sku, "sku"))); }
 *     }
 * }
 * }</pre>
 *
 * <p>An event that cannot be read (its JSON does not fit the view, or turning the view into a command throws
 * {@link IllegalArgumentException}, {@link NullPointerException} or {@link DateTimeException}) breaks its
 * contract and will not get better with retries: it is {@linkplain MalformedEventException dead-lettered at
 * once}. What the handler throws is retried, then dead-lettered.
 */
public abstract class Subscription {

    private final String topic;
    private final Map<String, Handler<?, ?>> handlers = new LinkedHashMap<>();

    protected Subscription(String topic) {
        this.topic = topic;
    }

    /** Handles {@code type}: reads its payload as {@code view}, turns it into a command, and hands that on. */
    protected final <V, C> void on(String type, Class<V> view, Function<V, C> reading, Consumer<C> handler) {
        on(type, view, (payload, event) -> reading.apply(payload), handler);
    }

    /** As above, for a command that needs the event's own attributes too (its id or time). */
    protected final <V, C> void on(String type, Class<V> view, BiFunction<V, InboundEvent, C> reading, Consumer<C> handler) {
        if (handlers.putIfAbsent(type, new Handler<>(view, reading, handler)) != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " handles " + type + " twice");
        }
    }

    /** The topic read, e.g. {@code catalog.events}. */
    public final String topic() {
        return topic;
    }

    /** The event types handled, in the order declared. */
    public final Set<String> types() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    /** Applies one event; called by the chassis inside the inbox's transaction. */
    final void handle(InboundEvent event) {
        Handler<?, ?> handler = handlers.get(event.type());
        if (handler != null) {
            handler.apply(event);
        }
    }

    /** A field the contract requires; missing, it makes the event malformed. */
    protected static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    /** An id field, which must be a UUID. */
    protected static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(required(value, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID: " + value);
        }
    }

    private record Handler<V, C>(Class<V> view, BiFunction<V, InboundEvent, C> reading, Consumer<C> handler) {

        void apply(InboundEvent event) {
            V payload = event.payload(view);
            C command;
            try {
                command = reading.apply(payload, event);
            } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
                throw new MalformedEventException(event.type() + " " + event.id() + " breaks its contract: " + e.getMessage());
            }
            handler.accept(command);
        }
    }
}
