package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Finds the orders the saga did not finish by their deadline and gives each one up, so that no order
 * waits forever for an event that will not come (a context down for good, a lost message): cancelled if unpaid, and
 * through fulfillment if paid (CANCELLING, which the sweep then leaves alone).
 *
 * <p>Safe with several instances sweeping at once: the query only proposes orders, and each one is
 * decided alone, in its own transaction, through the order's optimistic append
 * ({@link OrderSaga#on(OrderSaga.DeadlinePassed)}): of two sweepers the loser finds the order cancelled and
 * moves on. No lock is held across orders.
 */
@Service
public class OverdueOrders {

    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(OverdueOrders.class);

    private final CustomerOrders customerOrders;
    private final OrderSaga saga;
    private final OrderingProperties settings;
    private final Clock clock;
    private final Traces traces;

    public OverdueOrders(CustomerOrders customerOrders, OrderSaga saga, OrderingProperties settings, Clock clock, Traces traces) {
        this.customerOrders = customerOrders;
        this.saga = saga;
        this.settings = settings;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Gives up to {@value #BATCH} overdue orders up, the oldest first; the next sweep takes the rest.
     * An order that cannot be decided now (other writers kept winning, the database went away) is
     * logged and proposed again by the next sweep.
     *
     * <p>Only orders whose deadline passed before {@code heardUntil}: back from an outage or behind its backlog, ordering
     * reads the captures, pick-ups and deliveries reported meanwhile before it gives anything up for their silence.
     *
     * @param heardUntil how far ordering has read the events it subscribes to ({@link dev.bazaar.platform.messaging.ReadThrough});
     *                   asked only when some order is overdue by the clock
     * @return how many this sweep gave up
     */
    public int cancelOverdue(Supplier<Instant> heardUntil) {
        Instant placedBefore = clock.instant().minus(settings.sagaDeadline());
        List<Traced<OrderId>> due = customerOrders.unfinishedPlacedBefore(placedBefore, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        Instant heard = heardUntil.get();
        if (heard.isBefore(clock.instant())) {
            due = customerOrders.unfinishedPlacedBefore(heard.minus(settings.sagaDeadline()), BATCH);
        }
        int cancelled = 0;
        for (Traced<OrderId> overdue : due) {
            OrderId id = overdue.value();
            try {
                // A span of the order's own trace (its placement's): where a stuck order's time ran out.
                if (traces.resume(overdue.trace(), "order deadline", () -> saga.on(new OrderSaga.DeadlinePassed(id)))) {
                    cancelled++;
                }
            } catch (RuntimeException e) {
                log.warn("Overdue order {} could not be cancelled now, the next sweep tries again: {}", id, e.getMessage());
            }
        }
        return cancelled;
    }
}
