package dev.bazaar.ordering.order.application;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.OrderStream.ConcurrentOrderUpdate;
import dev.bazaar.platform.messaging.Outbox;
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
 */
@Component
class OrderChanges {

    static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(OrderChanges.class);

    private final OrderStream orders;
    private final CustomerOrders customerOrders;
    private final Outbox outbox;

    OrderChanges(OrderStream orders, CustomerOrders customerOrders, Outbox outbox) {
        this.orders = orders;
        this.customerOrders = customerOrders;
        this.outbox = outbox;
    }

    /**
     * @param decision what to do with the order as it is now: the event of the change, or empty to leave it as it is
     * @return the event appended, with the order as it is now, if any
     * @throws UnknownOrder          when the order does not exist
     * @throws ConcurrentOrderUpdate when other writers won every attempt
     */
    <E extends OrderEvent> Optional<Change<E>> change(OrderId id, Function<Order, Optional<E>> decision) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An order changes inside its caller's transaction, and there is none");
        }
        for (int attempt = 1; ; attempt++) {
            List<OrderEvent> events = orders.load(id);
            if (events.isEmpty()) {
                throw new UnknownOrder(id);
            }
            Order order = Order.replay(id, events);
            int expectedVersion = order.version();
            Optional<E> change = decision.apply(order);
            if (change.isEmpty()) {
                return Optional.empty();
            }
            try {
                orders.append(id, expectedVersion, change.get());
            } catch (ConcurrentOrderUpdate e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.info("Order {} changed while a change was decided; deciding again on its fresh stream", id);
                continue;
            }
            customerOrders.save(OrderSummary.of(order));
            outbox.append(id.toString(), PublishedLanguage.payload(change.get(), order));
            return Optional.of(new Change<>(order, change.get()));
        }
    }

    /** An event appended to the order's stream, and the order with it applied. */
    record Change<E extends OrderEvent>(Order order, E event) {
    }
}
