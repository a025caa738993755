package dev.bazaar.ordering.order.application;

import java.util.List;
import java.util.Optional;

import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads orders by replaying their streams: there is no other copy of their state to drift. */
@Service
public class OrderQueries {

    private final OrderStream orders;

    public OrderQueries(OrderStream orders) {
        this.orders = orders;
    }

    @Transactional(readOnly = true)
    public Optional<Order> find(OrderId id) {
        List<OrderEvent> events = orders.load(id);
        return events.isEmpty() ? Optional.empty() : Optional.of(Order.replay(id, events));
    }

    /**
     * Orders by id, each replayed from its stream: what the audit compares with the other contexts. {@code after} and
     * {@code through} (either may be null) bound the ids; a page so bounded is not counted.
     */
    @Transactional(readOnly = true)
    public Page<Order> all(OrderId after, OrderId through, PageRequest request) {
        List<OrderId> ids = orders.ids(after, through, request.offset(), request.size());
        List<Order> items = orders.loadAll(ids).entrySet().stream().map(stream -> Order.replay(stream.getKey(), stream.getValue())).toList();
        return after == null && through == null ? Page.of(items, request, orders.countOrders()) : Page.uncounted(items, request);
    }

    /** @throws UnknownOrder when there is no such order */
    @Transactional(readOnly = true)
    public List<OrderStream.RecordedEvent> events(OrderId id) {
        List<OrderStream.RecordedEvent> recorded = orders.recorded(id);
        if (recorded.isEmpty()) {
            throw new UnknownOrder(id);
        }
        return recorded;
    }
}
