package dev.bazaar.ordering.order.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.IllegalOrderTransition;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders through the saga as inventory, payment and fulfillment report what they did.
 *
 * <p>The inbox already drops a redelivered event (same {@code ce_id}). A fact can still arrive a
 * second time under a new id (a producer republishing after a crash): each handler first checks
 * whether the order already went where the fact leads and, if so, knowingly leaves it alone. Any
 * other unexpected fact goes to the order's intention method, which throws, so the event is retried
 * and then dead-lettered where someone will see it, instead of being silently dropped.
 */
@Service
public class OrderSaga {

    static final String PAYMENT_DECLINED = "payment declined";

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderChanges changes;
    private final OrderMetrics metrics;
    private final OrderingProperties settings;
    private final Clock clock;

    OrderSaga(OrderChanges changes, OrderMetrics metrics, OrderingProperties settings, Clock clock) {
        this.changes = changes;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void on(StockRejected rejected) {
        OrderId id = rejected.orderId();
        String reason = rejected.reason();
        changes.change(id, order -> {
            // Rejected already: the same shortage reported twice.
            if (order.hasBeen(OrderStatus.REJECTED)) {
                return Optional.empty();
            }
            // Given up on meanwhile: nothing was reserved, so the cancellation already says all there is to say.
            if (order.wasGivenUp()) {
                log.info("Order {} was cancelled ({}) before inventory rejected it: {}", id, lastReason(order), reason);
                return Optional.empty();
            }
            return Optional.of(order.reject(reason, now()));
        }).ifPresent(change -> {
            metrics.rejected(change.order(), change.event());
            log.info("Order {} rejected: {}", id, reason);
        });
    }

    @Transactional
    public void on(PaymentCaptured captured) {
        OrderId id = captured.orderId();
        Money amount = captured.amount();
        changes.change(id, order -> {
            // Confirmed already (and maybe shipped, delivered or cancelled since): the same capture reported twice.
            if (order.hasBeen(OrderStatus.CONFIRMED)) {
                return Optional.empty();
            }
            // Given up on before the capture arrived: payment has OrderCancelled and refunds (or voids) this capture.
            if (order.wasGivenUp()) {
                log.warn("Order {} was cancelled ({}) before payment captured {} {}; payment refunds it on OrderCancelled", id,
                        lastReason(order), amount.amount(), amount.currency());
                return Optional.empty();
            }
            if (!amount.equals(order.total())) {
                log.warn("Order {} totals {} {} but payment captured {} {}", id, order.total().amount(),
                        order.total().currency(), amount.amount(), amount.currency());
            }
            return Optional.of(order.confirm(now()));
        }).ifPresent(change -> {
            metrics.confirmed(change.order(), change.event());
            log.info("Order {} confirmed: payment captured", id);
        });
    }

    @Transactional
    public void on(PaymentDeclined declined) {
        OrderId id = declined.orderId();
        changes.change(id, order -> {
            // Cancelled already: the same decline reported twice.
            if (order.hasBeen(OrderStatus.CANCELLED)) {
                return Optional.empty();
            }
            // The order would allow a cancellation once confirmed, but a decline after a capture is a contradiction, not a cancellation.
            if (order.status() != OrderStatus.PENDING) {
                throw new IllegalOrderTransition(id, order.status(), OrderStatus.CANCELLED);
            }
            return Optional.of(order.cancel(PAYMENT_DECLINED, now()));
        }).ifPresent(change -> {
            metrics.cancelled(change.order(), change.event(), OrderMetrics.CancellationReason.DECLINED);
            log.info("Order {} cancelled: {}", id, PAYMENT_DECLINED);
        });
    }

    /**
     * Inventory gave the order's stock back. For a pending order that means its reservation expired
     * before payment was done: the order cannot go on. A confirmed one whose confirmation reached
     * inventory too late has no stock set aside either, and is cancelled too, so it is refunded rather
     * than shipped from stock that is not there.
     */
    @Transactional
    public void on(StockReleased released) {
        OrderId id = released.orderId();
        changes.change(id, order -> {
            // Cancelled or rejected already: this release is inventory compensating for that, which is what was meant to
            // happen.
            if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REJECTED) {
                return Optional.empty();
            }
            // Being cancelled already, and fulfillment's answer decides: stopped, the cancellation releases nothing more;
            // delivered meanwhile, goods left without stock set aside (logged when the delivery comes).
            if (order.status() == OrderStatus.CANCELLING) {
                log.warn("Order {} lost its reservation ({}) while being cancelled ({})", id, released.reason(), lastReason(order));
                return Optional.empty();
            }
            // Shipped or delivered orders throw here: goods left without stock set aside, which someone must look at.
            return Optional.of(order.cancelForReleasedStock(now()));
        }).ifPresent(change -> {
            metrics.givenUp(change.order(), change.event(), OrderMetrics.CancellationReason.RESERVATION_EXPIRED);
            log.info("Order {} given up, inventory released its stock ({}): {}", id, released.reason(), Order.RESERVATION_EXPIRED);
        });
    }

    /**
     * Cancels the order if it is still unfinished at its deadline. Two sweepers (two instances of this
     * service) may both pick it: both decide through the optimistic append, one wins, and the other,
     * deciding again on the fresh stream, finds it cancelled and leaves it.
     *
     * @return whether this call cancelled it
     */
    @Transactional
    public boolean on(DeadlinePassed passed) {
        OrderId id = passed.orderId();
        Instant now = now();
        return changes.change(id, order -> {
            // Finished meanwhile (or by another sweeper): nothing is overdue any more.
            if (!order.isOverdue(settings.sagaDeadline(), now)) {
                return Optional.empty();
            }
            return Optional.of(order.cancelOverdue(settings.sagaDeadline(), now));
        }).map(change -> {
            metrics.givenUp(change.order(), change.event(), OrderMetrics.CancellationReason.DEADLINE_PASSED);
            log.warn("Order {} given up: {} (placed more than {} ago)", id, Order.DEADLINE_PASSED, settings.sagaDeadline());
            return true;
        }).orElse(false);
    }

    /**
     * An operator gives the order up before it ships (the shopper's own cancellation is {@link ShopperCancellation}):
     * payment voids or refunds, inventory releases or restocks; once it is paid, after fulfillment stopped the shipment.
     * A shipped or finished order cannot be cancelled; one being cancelled already is left as it is.
     *
     * @throws IllegalOrderTransition when the order has shipped or is finished
     * @throws UnknownOrder           when there is no such order
     */
    @Transactional
    public void on(CancellationRequested requested) {
        OrderId id = requested.orderId();
        changes.change(id, order -> order.status() == OrderStatus.CANCELLING ? Optional.<OrderEvent>empty()
                : Optional.of(order.cancelByStaff(requested.reason(), now()))).ifPresent(change -> {
            metrics.givenUp(change.order(), change.event(), OrderMetrics.CancellationReason.REQUESTED);
            log.info("Order {} given up: {}", id, change.event().reason());
        });
    }

    /**
     * Fulfillment stopped the shipment of an order being cancelled (or had none): the order is cancelled for the reason
     * it was given up, and payment refunds, inventory restocks, on its OrderCancelled.
     */
    @Transactional
    public void on(ShipmentCancelled cancelled) {
        OrderId id = cancelled.orderId();
        changes.change(id, order -> {
            // Cancelled already: the same answer twice (fulfillment answers each time it is asked).
            if (order.status() == OrderStatus.CANCELLED) {
                return Optional.empty();
            }
            // Anything but CANCELLING throws: fulfillment stopped a shipment nobody asked it to stop.
            return Optional.of(order.cancelAsRequested(now()));
        }).ifPresent(change -> {
            metrics.cancelled(change.order(), change.event(), reasonOf(change.event().reason()));
            log.info("Order {} cancelled, fulfillment stopped its shipment ({}): {}", id, cancelled.reason(),
                    change.event().reason());
        });
    }

    /** Why an order given up through fulfillment was, for its metric, from the reason it was given up for. */
    static OrderMetrics.CancellationReason reasonOf(String reason) {
        if (reason.startsWith(Order.CANCELLED_BY_SHOPPER)) {
            return OrderMetrics.CancellationReason.SHOPPER;
        }
        if (reason.startsWith(Order.CANCELLED_BY_STAFF)) {
            return OrderMetrics.CancellationReason.REQUESTED;
        }
        if (reason.equals(Order.RESERVATION_EXPIRED)) {
            return OrderMetrics.CancellationReason.RESERVATION_EXPIRED;
        }
        return OrderMetrics.CancellationReason.DEADLINE_PASSED;
    }

    @Transactional
    public void on(ShipmentShipped shipped) {
        OrderId id = shipped.orderId();
        changes.change(id, order -> {
            // Shipped already (and maybe delivered since): the same pick-up reported twice.
            if (order.hasBeen(OrderStatus.SHIPPED)) {
                return Optional.empty();
            }
            // Being cancelled (by the shopper, an operator, its deadline or its reservation) as the carrier took the
            // parcel: fulfillment, asked to stop it, recalls it and answers ShipmentCancelled, or, delivered meanwhile,
            // ShipmentDelivered follows. Either way the order ends on that answer, not this pick-up.
            if (order.status() == OrderStatus.CANCELLING) {
                log.warn("Order {} is being cancelled ({}) as the carrier took its parcel; fulfillment recalls it", id,
                        lastReason(order));
                return Optional.empty();
            }
            // Cancelled after its confirmation by an OrderCancelled from before cancellations went through fulfillment,
            // which recalls the parcel on it.
            if (order.status() == OrderStatus.CANCELLED && order.hasBeen(OrderStatus.CONFIRMED)) {
                log.warn("Order {} was cancelled ({}) as the carrier took its parcel; fulfillment recalls it on OrderCancelled", id,
                        lastReason(order));
                return Optional.empty();
            }
            return Optional.of(order.markShipped(now()));
        }).ifPresent(e -> log.info("Order {} shipped", id));
    }

    @Transactional
    public void on(ShipmentDelivered delivered) {
        OrderId id = delivered.orderId();
        changes.change(id, order -> {
            // Delivered already: the same delivery reported twice.
            if (order.hasBeen(OrderStatus.DELIVERED)) {
                return Optional.empty();
            }
            // Being cancelled: the parcel arrived before fulfillment heard of it, so the cancellation came too late, and
            // nothing is refunded for goods the customer has. A cancelled order throws: goods delivered and refunded.
            if (order.status() == OrderStatus.CANCELLING) {
                if (Order.RESERVATION_EXPIRED.equals(lastReason(order))) {
                    // Inventory released its stock before committing it, so on hand still counts goods the customer has.
                    log.error("Order {} was delivered after inventory released its stock ({}): its stock was never "
                            + "committed, for someone to settle in inventory", id, Order.RESERVATION_EXPIRED);
                } else {
                    log.warn("Order {} was delivered before its cancellation ({}) reached fulfillment; it stays delivered", id,
                            lastReason(order));
                }
            }
            return Optional.of(order.markDelivered(now()));
        }).ifPresent(change -> {
            metrics.delivered(change.order(), change.event());
            log.info("Order {} delivered", id);
        });
    }

    @Transactional
    public void on(ShipmentFailed failed) {
        OrderId id = failed.orderId();
        String reason = failed.reason();
        changes.change(id, order -> {
            // Cancelled already: the same failure reported twice.
            if (order.hasBeen(OrderStatus.CANCELLED)) {
                return Optional.empty();
            }
            // Fulfillment ships confirmed orders only: a failed shipment of an order not yet confirmed is a contradiction.
            if (!order.hasBeen(OrderStatus.CONFIRMED)) {
                throw new IllegalOrderTransition(id, order.status(), OrderStatus.CANCELLED);
            }
            return Optional.of(order.cancel(reason, now()));
        }).ifPresent(change -> {
            metrics.cancelled(change.order(), change.event(), OrderMetrics.CancellationReason.SHIPMENT_FAILED);
            log.info("Order {} cancelled, its shipment failed: {}", id, reason);
        });
    }

    private static String lastReason(Order order) {
        List<Order.StatusChange> history = order.history();
        return history.get(history.size() - 1).reason();
    }

    /** PostgreSQL keeps microseconds: what an event announces is then exactly what its stream holds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Someone asks for the order to be given up, saying why. */
    public record CancellationRequested(OrderId orderId, String reason) {
        public CancellationRequested {
            Objects.requireNonNull(orderId, "order id");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a cancellation says why");
            }
        }
    }

    /** Inventory could not reserve the order's stock; the reason names the SKUs that were short. */
    public record StockRejected(OrderId orderId, String reason) {
        public StockRejected {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** Inventory gave the order's stock back, for its own reason (an expired reservation, say). */
    public record StockReleased(OrderId orderId, String reason) {
        public StockReleased {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** Payment charged the order this amount. */
    public record PaymentCaptured(OrderId orderId, Money amount) {
        public PaymentCaptured {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(amount, "amount");
        }
    }

    public record PaymentDeclined(OrderId orderId) {
        public PaymentDeclined {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** The order's deadline may have passed: the sweeper proposes it, the saga decides. */
    public record DeadlinePassed(OrderId orderId) {
        public DeadlinePassed {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** The carrier picked the order's shipment up. */
    public record ShipmentShipped(OrderId orderId) {
        public ShipmentShipped {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    public record ShipmentDelivered(OrderId orderId) {
        public ShipmentDelivered {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** Fulfillment stopped the shipment of an order it was asked to cancel, or had none to stop. */
    public record ShipmentCancelled(OrderId orderId, String reason) {
        public ShipmentCancelled {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing will ship, for the reason fulfillment gives; it cancels the order, so it has to say why. */
    public record ShipmentFailed(OrderId orderId, String reason) {
        public ShipmentFailed {
            Objects.requireNonNull(orderId, "order id");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a failed shipment has a reason");
            }
        }
    }
}
