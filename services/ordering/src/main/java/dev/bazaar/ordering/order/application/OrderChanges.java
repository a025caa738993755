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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Load, decide, append with the expected version, update the customer's order list, publish: the
 * one way an existing order changes.
 * When another writer appended first, the attempt is rolled back to a savepoint and decided again
 * on the fresh stream, inside the caller's transaction (for a handler, the inbox's), so the inbox
 * row, the events and the outbox entry still commit together.
 */
@Component
class OrderChanges {

    static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(OrderChanges.class);

    private final OrderStream orders;
    private final CustomerOrders customerOrders;
    private final Outbox outbox;
    private final TransactionTemplate savepoint;

    OrderChanges(OrderStream orders, CustomerOrders customerOrders, Outbox outbox, PlatformTransactionManager transactions) {
        this.orders = orders;
        this.customerOrders = customerOrders;
        this.outbox = outbox;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * @param decision what to do with the order as it is now: the event of the change, or empty to leave it as it is
     * @return the event appended, with the order as it is now, if any
     * @throws UnknownOrder          when the order does not exist
     * @throws ConcurrentOrderUpdate when other writers won every attempt
     */
    <E extends OrderEvent> Optional<Change<E>> change(OrderId id, Function<Order, Optional<E>> decision) {
        for (int attempt = 1; ; attempt++) {
            try {
                return savepoint.execute(status -> {
                    List<OrderEvent> events = orders.load(id);
                    if (events.isEmpty()) {
                        throw new UnknownOrder(id);
                    }
                    Order order = Order.replay(id, events);
                    int expectedVersion = order.version();
                    Optional<E> change = decision.apply(order);
                    change.ifPresent(event -> {
                        orders.append(id, expectedVersion, List.of(event));
                        customerOrders.save(OrderSummary.of(order));
                        outbox.append(id.toString(), PublishedLanguage.payload(event, order));
                    });
                    return change.map(event -> new Change<>(order, event));
                });
            } catch (ConcurrentOrderUpdate e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.info("Order {} changed while a change was decided; deciding again on its fresh stream", id);
            }
        }
    }

    /** An event appended to the order's stream, and the order with it applied. */
    record Change<E extends OrderEvent>(Order order, E event) {
    }
}
