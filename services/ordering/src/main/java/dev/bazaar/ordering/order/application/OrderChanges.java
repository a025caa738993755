package dev.bazaar.ordering.order.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.OrderStream.ConcurrentOrderUpdate;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.platform.messaging.Outbox;
import dev.bazaar.platform.work.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Load, decide, append with the expected version, update the customer's order list, publish: the
 * one way an existing order changes.
 * Runs in the caller's transaction (for a handler, the inbox's), so the inbox row, the events and the
 * outbox entry commit together. When another writer appended first, the append wrote nothing and
 * the change is decided again on the fresh stream in the same transaction: the append is each
 * attempt's first write, and a refused append is no error to PostgreSQL, so no savepoint is needed
 * (it cost two statements a change, a tenth of ordering's). The fresh stream is read by a new
 * statement, which under READ COMMITTED (PostgreSQL's default, and ordering's) sees the winner's events.
 *
 * <p>The streams of orders placed or changed lately are kept as they committed ({@link #recent}): an order's changes
 * follow one another within seconds, and reading and decoding its stream each time was a twentieth of ordering's CPU.
 * A kept stream may be stale (another instance or thread appended since), which is safe because a decision taken on
 * it counts only when it writes, and the append checks the version; a decision to leave the order as it is is taken
 * again on the stored stream.
 */
@Component
class OrderChanges {

    static final int ATTEMPTS = 3;
    /**
     * How much is kept, weighed in events and order lines: some 4,000 orders in flight of one or two lines (250 a second
     * for 15 s), a few MB of heap, however many lines an order has.
     */
    static final int KEPT_WEIGHT = 16_384;

    private static final Logger log = LoggerFactory.getLogger(OrderChanges.class);

    private final OrderStream orders;
    private final CustomerOrders customerOrders;
    private final Outbox outbox;
    private final Cache<OrderId, List<OrderEvent>> recent = Caffeine.newBuilder().maximumWeight(KEPT_WEIGHT)
            .weigher((OrderId id, List<OrderEvent> stream) -> stream.size() + stream.stream()
                    .mapToInt(event -> event instanceof OrderEvent.Placed placed ? placed.lines().size() : 0).sum())
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    OrderChanges(OrderStream orders, CustomerOrders customerOrders, Outbox outbox) {
        this.orders = orders;
        this.customerOrders = customerOrders;
        this.outbox = outbox;
    }

    /**
     * @param decision what to do with the order as it is now: the event of the change, or empty to leave it as it is; it
     *                 may throw to refuse. It is pure, no more than the order's own methods and a log line, as it may be
     *                 taken twice: on a kept stream, then on the stored one.
     * @return the event appended, with the order as it is now, if any
     * @throws UnknownOrder          when the order does not exist
     * @throws ConcurrentOrderUpdate when other writers won every attempt
     */
    <E extends OrderEvent> Optional<Change<E>> change(OrderId id, Function<Order, Optional<E>> decision) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An order changes inside its caller's transaction, and there is none");
        }
        List<OrderEvent> kept = recent.getIfPresent(id);
        if (kept != null) {
            Optional<Change<E>> change = decideAndAppend(id, kept, decision, true);
            if (change != null && change.isPresent()) {
                return change;
            }
            // Nothing to change, a refusal, or a stream changed by another since: the stored stream decides.
        }
        for (int attempt = 1; ; attempt++) {
            List<OrderEvent> events = orders.load(id);
            if (events.isEmpty()) {
                throw new UnknownOrder(id);
            }
            Optional<Change<E>> change = decideAndAppend(id, events, decision, false);
            if (change != null) {
                return change;
            }
            if (attempt >= ATTEMPTS) {
                throw new ConcurrentOrderUpdate(id, events.size());
            }
            log.info("Order {} changed while a change was decided; deciding again on its fresh stream", id);
        }
    }

    /**
     * The change decided on these events and appended, empty for none; null when another writer appended first, or when
     * the decision refused a kept stream, which may be behind.
     */
    private <E extends OrderEvent> Optional<Change<E>> decideAndAppend(OrderId id, List<OrderEvent> events,
                                                                       Function<Order, Optional<E>> decision, boolean kept) {
        Order order = Order.replay(id, events);
        int expectedVersion = order.version();
        Optional<E> change;
        try {
            change = decision.apply(order);
        } catch (RuntimeException refused) {
            if (kept) {
                return null;
            }
            throw refused;
        }
        if (change.isEmpty()) {
            return Optional.empty();
        }
        try {
            orders.append(id, expectedVersion, change.get());
        } catch (ConcurrentOrderUpdate e) {
            recent.invalidate(id);
            return null;
        }
        keep(order, append(events, change.get()));
        customerOrders.save(OrderSummary.of(order));
        outbox.append(id.toString(), PublishedLanguage.payload(change.get(), order));
        return Optional.of(new Change<>(order, change.get()));
    }

    /**
     * Keeps an order's stream, as appended in this transaction, once the transaction commits: the next change of the order
     * starts from it. A final order is forgotten instead.
     */
    void keep(Order order, List<OrderEvent> stream) {
        AfterCommit.run(() -> {
            if (order.status().isFinal()) {
                recent.invalidate(order.id());
            } else {
                recent.put(order.id(), stream);
            }
        });
    }

    private static List<OrderEvent> append(List<OrderEvent> events, OrderEvent event) {
        return Stream.concat(events.stream(), Stream.of(event)).toList();
    }

    /** An event appended to the order's stream, and the order with it applied. */
    record Change<E extends OrderEvent>(Order order, E event) {
    }
}
