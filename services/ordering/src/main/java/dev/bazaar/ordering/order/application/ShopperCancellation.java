package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shopper gives their order up, until it ships. The cancellation goes through the order's one way of changing
 * ({@link OrderChanges}): decided on its stream, appended at the expected version, published and listed in the same
 * transaction. A saga fact appended meanwhile (confirmed, shipped) makes it decide again on the fresh stream, so a
 * cancellation racing the shipment ends either cancelled or refused as shipped, never both. An unpaid order is cancelled
 * at once; a paid one is CANCELLING until fulfillment has stopped its shipment (or recalled the parcel the carrier took
 * before the request reached it), and ends cancelled then, or delivered if it had arrived already. OrderCancelled makes
 * payment void or refund and inventory release or restock.
 */
@Service
public class ShopperCancellation {

    private static final Logger log = LoggerFactory.getLogger(ShopperCancellation.class);

    private final OrderChanges changes;
    private final OrderMetrics metrics;
    private final Clock clock;

    ShopperCancellation(OrderChanges changes, OrderMetrics metrics, Clock clock) {
        this.changes = changes;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @return the order as it is now, cancelled by its shopper (by this request, or by the same one before) or being
     *         cancelled (CANCELLING) until fulfillment answers
     * @throws UnknownOrder when there is no such order, or it is another customer's
     * @throws Refused      when it has shipped, or ended otherwise
     */
    @Transactional
    public Order cancel(CancelOrder request) {
        OrderId id = request.orderId();
        AtomicReference<Order> current = new AtomicReference<>();
        changes.change(id, order -> {
            current.set(order);
            return decide(order, request, now());
        }).ifPresent(change -> {
            metrics.givenUp(change.order(), change.event(), OrderMetrics.CancellationReason.SHOPPER);
            log.info(change.event() instanceof OrderEvent.Cancelled ? "Order {} cancelled by its shopper"
                    : "Order {} given up by its shopper; fulfillment is asked to stop its shipment", id);
        });
        return current.get();
    }

    /**
     * What the request does to the order as it is now: cancel it (or ask fulfillment first), or nothing when its shopper
     * did already, or it is being cancelled.
     *
     * @throws UnknownOrder when it is another customer's order
     * @throws Refused      when it has shipped or ended otherwise
     */
    static Optional<OrderEvent> decide(Order order, CancelOrder request, Instant now) {
        // Another customer's order is as unknown as none: ids cannot be probed by cancelling.
        if (!order.customerId().equals(request.customer())) {
            throw new UnknownOrder(order.id());
        }
        // The shopper asked before (a double click, a retry): the same answer, nothing appended.
        if (order.wasCancelledByShopper() || order.status() == OrderStatus.CANCELLING) {
            return Optional.empty();
        }
        refuseIfOver(order);
        return Optional.of(order.cancelByShopper(request.note(), now));
    }

    /** Shipped (and maybe delivered, or lost since) or ended: no cancellation changes anything any more. */
    private static void refuseIfOver(Order order) {
        // Delivered while being cancelled, an order never entered SHIPPED (its pick-up was not recorded then).
        Optional<Order.StatusChange> shipped = order.entered(OrderStatus.SHIPPED).or(() -> order.entered(OrderStatus.DELIVERED));
        if (shipped.isPresent() && order.status() != OrderStatus.CANCELLED) {
            String since = order.entered(OrderStatus.DELIVERED).map(change -> " and was delivered on " + change.at() + ".")
                    .orElse("; it is on its way to you.");
            throw new Refused(Refused.SHIPPED, order, "This order has already shipped on " + shipped.get().at()
                    + ", so it can no longer be cancelled" + since);
        }
        if (order.status().isFinal()) {
            Order.StatusChange end = order.lastChange();
            throw new Refused(Refused.ENDED, order, "This order was already " + end.status().name().toLowerCase(Locale.ROOT)
                    + " on " + end.at() + " (" + end.reason() + "), so there is nothing left to cancel.");
        }
    }

    /** PostgreSQL keeps microseconds: what an event announces is then exactly what its stream holds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param customer who asks: the order must be theirs
     * @param note     the shopper's own words, or null
     */
    public record CancelOrder(OrderId orderId, CustomerId customer, String note) {
        public CancelOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(customer, "customer");
        }
    }

    /** The order is past being cancelled: shipped, or ended for another reason. */
    public static class Refused extends RuntimeException {

        public static final String SHIPPED = "order-shipped";
        public static final String ENDED = "order-ended";

        private final String problemType;
        private final transient Order order;

        Refused(String problemType, Order order, String detail) {
            super(detail);
            this.problemType = problemType;
            this.order = order;
        }

        /** {@code order-shipped} or {@code order-ended}. */
        public String problemType() {
            return problemType;
        }

        /** The order as it is: shipped or ended. */
        public Order order() {
            return order;
        }
    }
}
