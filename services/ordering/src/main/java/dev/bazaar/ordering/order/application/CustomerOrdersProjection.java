package dev.bazaar.ordering.order.application;

import java.util.List;
import java.util.Map;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers' order lists (CQRS read side). Every change to an order updates its line in the
 * same transaction as its event; {@link #rebuild} recomputes every line from the event streams, the
 * only source of truth, with the same {@link OrderSummary#of} the live updates use.
 */
@Service
public class CustomerOrdersProjection {

    public static final String NAME = "customer-orders";
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(CustomerOrdersProjection.class);

    private final CustomerOrders customerOrders;
    private final OrderStream orders;

    public CustomerOrdersProjection(CustomerOrders customerOrders, OrderStream orders) {
        this.customerOrders = customerOrders;
        this.orders = orders;
    }

    @Transactional(readOnly = true)
    public Page<OrderSummary> of(CustomerId customer, PageRequest request) {
        return customerOrders.of(customer, request);
    }

    /**
     * Empties the read model and fills it again from every stream, in ONE transaction: readers keep
     * seeing the old rows (PostgreSQL shows them what was committed) until it commits, then the new
     * ones, never an empty or half-filled list. TRUNCATE would block them behind an exclusive lock,
     * and a commit between emptying and filling would show them nothing.
     *
     * <p>Writers go on meanwhile. A change to an order whose row this transaction deleted waits for
     * it to commit, then updates the row it inserted; a change committed after its stream was read
     * here (a new order, say) is not overwritten, because a row is only ever replaced by a newer
     * version of its order (see {@link CustomerOrders#save}).
     */
    @Transactional
    public Rebuild rebuild() {
        long started = System.nanoTime();
        customerOrders.clearForRebuild();
        int orderCount = 0;
        long eventCount = 0;
        OrderId after = null;
        List<OrderId> batch;
        do {
            batch = orders.ids(after, null, 0, BATCH);
            for (Map.Entry<OrderId, List<OrderEvent>> stream : orders.loadAll(batch).entrySet()) {
                customerOrders.save(OrderSummary.of(Order.replay(stream.getKey(), stream.getValue())));
                orderCount++;
                eventCount += stream.getValue().size();
            }
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH);
        Rebuild rebuild = new Rebuild(NAME, orderCount, eventCount, (System.nanoTime() - started) / 1_000_000);
        log.info("Projection {} rebuilt from {} orders' {} events in {} ms", NAME, orderCount, eventCount, rebuild.tookMs());
        return rebuild;
    }

    public record Rebuild(String projection, int orders, long events, long tookMs) {
    }
}
