package dev.bazaar.ordering.order.application;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.platform.work.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The saga's business outcomes, counted for Prometheus (docs/metrics.md): orders placed, confirmed, rejected,
 * cancelled (by reason) and delivered, revenue, and how long an order took from its placement to its end.
 *
 * <p>Each is counted once per fact. The application services call this only when they have appended the order's
 * event (never for a repeated fact they knowingly leave alone; the inbox already drops a redelivered event), and the
 * count is taken once that transaction has committed: a change that rolls back, or is decided again after another
 * writer won, counts nothing. The completion time is the difference between the two events' own times, as the
 * order's stream holds them, so it is the same whoever records it and however late it is recorded.
 */
@Component
public class OrderMetrics {

    /** Seconds an order may take to end, as buckets Prometheus can compare against ("ended within 60 s"). */
    static final Duration[] COMPLETION_SLOS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(300)};

    /** The only reason inventory refuses an order. */
    static final String OUT_OF_STOCK = "out_of_stock";

    /** Why an order was cancelled, as the {@code reason} tag: a few fixed values, not the free text of the event. */
    public enum CancellationReason {
        /** The card processor declined the charge. */
        DECLINED("declined"),
        /** The saga did not finish before its deadline. */
        DEADLINE_PASSED("deadline_passed"),
        /** Inventory gave the reserved stock back (its reservation expired) before the order was paid. */
        RESERVATION_EXPIRED("reservation_expired"),
        /** Fulfillment could not ship it (the carrier refused it, say); payment refunds it. */
        SHIPMENT_FAILED("shipment_failed"),
        /** An operator gave it up (ordering's /admin). */
        REQUESTED("requested"),
        /** Its shopper gave it up before it shipped. */
        SHOPPER("shopper");

        private final String tag;

        CancellationReason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final MeterRegistry registry;
    private final Counter placed;
    private final Counter confirmed;
    private final Counter rejected;
    private final Map<CancellationReason, Counter> cancelled = new EnumMap<>(CancellationReason.class);
    private final Counter delivered;
    private final Timer completedDelivered;
    private final Timer completedRejected;
    private final Timer completedCancelled;

    public OrderMetrics(MeterRegistry registry, OrderingProperties settings) {
        this.registry = registry;
        // Every series exists from the start (at 0), so that increase() sees an order's first count.
        this.placed = Counter.builder("bazaar.orders.placed").description("Orders placed (a retried checkout counts once)")
                .register(registry);
        this.confirmed = Counter.builder("bazaar.orders.confirmed").description("Orders confirmed: payment captured")
                .register(registry);
        this.rejected = Counter.builder("bazaar.orders.rejected").description("Orders rejected, by reason")
                .tag("reason", OUT_OF_STOCK).register(registry);
        for (CancellationReason reason : CancellationReason.values()) {
            cancelled.put(reason, Counter.builder("bazaar.orders.cancelled").description("Orders cancelled, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
        this.delivered = Counter.builder("bazaar.orders.delivered").description("Orders delivered").register(registry);
        Duration[] slos = slos(settings.sagaDeadline());
        this.completedDelivered = completion("delivered", slos, settings.sagaDeadline());
        this.completedRejected = completion("rejected", slos, settings.sagaDeadline());
        this.completedCancelled = completion("cancelled", slos, settings.sagaDeadline());
    }

    /** A new order was placed (not a retried checkout answered with its first order). */
    void placed(OrderEvent.Placed event) {
        Objects.requireNonNull(event, "event");
        AfterCommit.run(placed::increment);
    }

    void confirmed(Order order, OrderEvent.Confirmed event) {
        requireApplied(order, event);
        AfterCommit.run(confirmed::increment);
    }

    void rejected(Order order, OrderEvent.Rejected event) {
        requireApplied(order, event);
        Duration took = tookToEnd(order, event);
        AfterCommit.run(() -> {
            rejected.increment();
            completedRejected.record(took);
        });
    }

    void cancelled(Order order, OrderEvent.Cancelled event, CancellationReason reason) {
        requireApplied(order, event);
        Counter counter = cancelled.get(Objects.requireNonNull(reason, "reason"));
        Duration took = tookToEnd(order, event);
        AfterCommit.run(() -> {
            counter.increment();
            completedCancelled.record(took);
        });
    }

    /**
     * An order given up: counted as cancelled when it is, now if it was unpaid, or once fulfillment answers a request to
     * cancel a paid one (the request itself counts nothing).
     */
    void givenUp(Order order, OrderEvent event, CancellationReason reason) {
        if (event instanceof OrderEvent.Cancelled cancellation) {
            cancelled(order, cancellation, reason);
        }
    }

    /** Delivered: the order is done, and its total is revenue (see docs/metrics.md for why delivered, not captured). */
    void delivered(Order order, OrderEvent.Delivered event) {
        requireApplied(order, event);
        Duration took = tookToEnd(order, event);
        Money total = order.total();
        AfterCommit.run(() -> {
            delivered.increment();
            completedDelivered.record(took);
            revenue(total.currency()).increment(total.amount().doubleValue());
        });
    }

    private Counter revenue(String currency) {
        return Counter.builder("bazaar.revenue").description("Value of the orders delivered, in the currency's units")
                .tag("currency", currency).register(registry);
    }

    private Timer completion(String outcome, Duration[] slos, Duration sagaDeadline) {
        return Timer.builder("bazaar.orders.completion")
                .description("From an order's placement to its end (delivered, rejected or cancelled), as its events record them")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .serviceLevelObjectives(slos)
                .minimumExpectedValue(Duration.ofMillis(100))
                // Every order ends by its deadline, give or take a sweep: beyond twice that is an outlier, counted in +Inf.
                .maximumExpectedValue(sagaDeadline.multipliedBy(2))
                .register(registry);
    }

    /** The fixed buckets, and the saga's deadline besides: "ended before the saga gave up on it" is worth a bucket. */
    static Duration[] slos(Duration sagaDeadline) {
        TreeSet<Duration> buckets = new TreeSet<>(List.of(COMPLETION_SLOS));
        buckets.add(sagaDeadline);
        return buckets.toArray(Duration[]::new);
    }

    /** From the order's placement to this event, both as the order's stream records them. */
    static Duration tookToEnd(Order order, OrderEvent event) {
        Duration took = Duration.between(order.placedAt(), event.at());
        // Events of one order are appended by one clock each; a clock stepped back between them must not record a negative.
        return took.isNegative() ? Duration.ZERO : took;
    }

    /** The order as it is with the event applied: what the metrics read of it (its placement, its total) is then settled. */
    private static void requireApplied(Order order, OrderEvent event) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(event, "event");
        if (!event.orderId().equals(order.id()) || order.status() != event.status()) {
            throw new IllegalArgumentException("Event " + event.type() + " of order " + event.orderId()
                    + " is not the last one applied to order " + order.id());
        }
    }

}
