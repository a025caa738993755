package dev.bazaar.ordering.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An order, event-sourced: its state is only the replay of its own events. Every change is an
 * intention ({@link #confirm}, {@link #cancel}...) that checks the rules, returns the event it
 * produces and applies it; an illegal one throws {@link IllegalOrderTransition} and changes nothing.
 * {@link #version()} is the number of events applied, which is what the next append expects to find.
 */
public final class Order {

    public static final int MAX_LINES = 50;

    /** Why an order that outlived its saga deadline was cancelled. */
    public static final String DEADLINE_PASSED = "deadline passed";

    /** Why an order whose stock inventory gave back before it was paid for was cancelled. */
    public static final String RESERVATION_EXPIRED = "reservation expired";

    /** Why an order its shopper gave up was cancelled; their own words, if they gave any, follow after a colon. */
    public static final String CANCELLED_BY_SHOPPER = "cancelled by the shopper";

    /** Why an order staff gave up was cancelled; their reason follows after a colon. */
    public static final String CANCELLED_BY_STAFF = "cancelled by staff";

    private final OrderId id;
    private int version;
    private OrderStatus status;
    private CustomerId customerId;
    private List<OrderLine> lines = List.of();
    private Money total;
    private CardReference card;
    private final List<StatusChange> history = new ArrayList<>();

    private Order(OrderId id) {
        this.id = Objects.requireNonNull(id, "order id");
    }

    /** An order not placed yet: the only thing it can do is {@link #place}. */
    public static Order create(OrderId id) {
        return new Order(id);
    }

    /** Rebuilds an order from its stream, oldest event first. */
    public static Order replay(OrderId id, List<OrderEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Order " + id + " has no events");
        }
        Order order = new Order(id);
        events.forEach(order::apply);
        return order;
    }

    public OrderEvent.Placed place(CustomerId customer, List<OrderLine> lines, CardReference card, Instant at) {
        if (status != null) {
            throw new IllegalOrderTransition(id, status, OrderStatus.PENDING);
        }
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(card, "card");
        return apply(new OrderEvent.Placed(id, customer, lines, total(lines), card, at));
    }

    public OrderEvent.Confirmed confirm(Instant at) {
        require(OrderStatus.CONFIRMED);
        return apply(new OrderEvent.Confirmed(id, at));
    }

    public OrderEvent.Rejected reject(String reason, Instant at) {
        require(OrderStatus.REJECTED);
        return apply(new OrderEvent.Rejected(id, requireReason(reason), at));
    }

    public OrderEvent.Cancelled cancel(String reason, Instant at) {
        require(OrderStatus.CANCELLED);
        return apply(new OrderEvent.Cancelled(id, requireReason(reason), at));
    }

    /**
     * Gives up an order that is still not finished at its deadline. Cancelling it is what makes the
     * other contexts compensate: payment refunds or voids, inventory releases or restocks. One confirmed or shipped is
     * given up through fulfillment first ({@link #giveUp}).
     *
     * @throws IllegalOrderTransition when the order is finished already, or being cancelled
     * @throws IllegalStateException  when its deadline has not passed yet
     */
    public OrderEvent cancelOverdue(Duration sagaDeadline, Instant at) {
        if (status == null || status.isFinal() || status == OrderStatus.CANCELLING) {
            throw new IllegalOrderTransition(id, status, OrderStatus.CANCELLED);
        }
        Instant deadline = deadline(sagaDeadline).orElseThrow();
        if (at.isBefore(deadline)) {
            throw new IllegalStateException("Order " + id + " is not overdue before its deadline " + deadline);
        }
        return giveUp(DEADLINE_PASSED, at);
    }

    /**
     * Cancels an order whose reserved stock inventory released before committing it (the reservation
     * expired). Confirmed but not yet shipped counts too: the goods it was paid for are no longer set
     * aside, so shipping it could sell stock that is not there.
     *
     * @throws IllegalOrderTransition unless the order is PENDING or CONFIRMED
     */
    public OrderEvent cancelForReleasedStock(Instant at) {
        requireNotShipped();
        return giveUp(RESERVATION_EXPIRED, at);
    }

    /**
     * The shopper gives the order up. They may until it ships: once the carrier has it, the parcel is on its way to
     * them. Cancelling makes the other contexts compensate, as for any cancellation.
     *
     * @param note the shopper's own words, or null
     * @throws IllegalOrderTransition unless the order is PENDING or CONFIRMED
     */
    public OrderEvent cancelByShopper(String note, Instant at) {
        requireNotShipped();
        String words = oneLine(note);
        return giveUp(words.isEmpty() ? CANCELLED_BY_SHOPPER : CANCELLED_BY_SHOPPER + ": " + words, at);
    }

    /**
     * Staff give the order up, saying why, on the same terms as its shopper: until it ships. Their cancellation is
     * marked as theirs, so that a capture or a rejection that arrives afterwards is known as late, not contradictory.
     *
     * @throws IllegalOrderTransition unless the order is PENDING or CONFIRMED
     */
    public OrderEvent cancelByStaff(String reason, Instant at) {
        requireNotShipped();
        return giveUp(CANCELLED_BY_STAFF + ": " + oneLine(requireReason(reason)), at);
    }

    /**
     * Fulfillment answered a {@link OrderEvent.CancellationRequested}: nothing was delivered, and nothing will be. The
     * order is cancelled for the reason it was given up, and payment refunds, inventory restocks.
     *
     * @throws IllegalOrderTransition unless the order is CANCELLING
     */
    public OrderEvent.Cancelled cancelAsRequested(Instant at) {
        if (status != OrderStatus.CANCELLING) {
            throw new IllegalOrderTransition(id, status, OrderStatus.CANCELLED);
        }
        return apply(new OrderEvent.Cancelled(id, lastChange().reason(), at));
    }

    /**
     * Unpaid, an order is cancelled at once: nothing can have shipped. Paid, it may be with the carrier, or delivered
     * already while ordering has not heard so yet; refunding it then would give the goods away. So it is given up
     * through fulfillment: CANCELLING until fulfillment answers that it stopped the shipment ({@link #cancelAsRequested})
     * or that it was delivered.
     */
    private OrderEvent giveUp(String reason, Instant at) {
        if (status == OrderStatus.PENDING) {
            return apply(new OrderEvent.Cancelled(id, reason, at));
        }
        require(OrderStatus.CANCELLING);
        return apply(new OrderEvent.CancellationRequested(id, reason, at));
    }

    private void requireNotShipped() {
        if (status != OrderStatus.PENDING && status != OrderStatus.CONFIRMED) {
            throw new IllegalOrderTransition(id, status, OrderStatus.CANCELLED);
        }
    }

    /** A person's words travel in OrderCancelled and into the other contexts' logs: one line, no control characters. */
    private static String oneLine(String words) {
        return words == null ? "" : words.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    public OrderEvent.Shipped markShipped(Instant at) {
        require(OrderStatus.SHIPPED);
        return apply(new OrderEvent.Shipped(id, at));
    }

    public OrderEvent.Delivered markDelivered(Instant at) {
        require(OrderStatus.DELIVERED);
        return apply(new OrderEvent.Delivered(id, at));
    }

    /**
     * Prices an order: between 1 and {@value #MAX_LINES} lines, each SKU once, all in one currency.
     *
     * @throws IllegalArgumentException naming the rule that is broken
     */
    public static Money total(List<OrderLine> lines) {
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("An order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("An order has at most " + MAX_LINES + " lines, had " + lines.size());
        }
        Set<Sku> seen = new HashSet<>();
        Money total = null;
        for (OrderLine line : lines) {
            if (!seen.add(line.sku())) {
                throw new IllegalArgumentException("An order names each SKU once; " + line.sku() + " appears twice");
            }
            if (total != null && !total.currency().equals(line.unitPrice().currency())) {
                throw new IllegalArgumentException("An order is paid in one currency; " + line.sku() + " is priced in "
                        + line.unitPrice().currency() + ", not " + total.currency());
            }
            total = total == null ? line.subtotal() : total.plus(line.subtotal());
        }
        return total;
    }

    private void require(OrderStatus next) {
        if (status == null || !status.canBecome(next)) {
            throw new IllegalOrderTransition(id, status, next);
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required");
        }
        return reason;
    }

    // Java 17: no pattern matching for switch, so the sealed hierarchy is walked with instanceof.
    private <E extends OrderEvent> E apply(E event) {
        if (!event.orderId().equals(id)) {
            throw new IllegalArgumentException("Event of order " + event.orderId() + " applied to order " + id);
        }
        if (event instanceof OrderEvent.Placed) {
            OrderEvent.Placed placed = (OrderEvent.Placed) event;
            customerId = placed.customerId();
            lines = placed.lines();
            total = placed.total();
            card = placed.card();
        }
        status = event.status();
        history.add(new StatusChange(event.status(), event.at(), event.reason()));
        version++;
        return event;
    }

    public OrderId id() {
        return id;
    }

    public int version() {
        return version;
    }

    /** @return null for an order not placed yet */
    public OrderStatus status() {
        return status;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public CardReference card() {
        return card;
    }

    /** When the order was placed; null for an order not placed yet. */
    public Instant placedAt() {
        return history.isEmpty() ? null : history.get(0).at();
    }

    /** When the order last changed; null for an order not placed yet. */
    public Instant updatedAt() {
        return history.isEmpty() ? null : history.get(history.size() - 1).at();
    }

    /**
     * When the saga must have finished the order: placed at plus the saga's time limit. A finished
     * order (or one not placed) has none.
     */
    public Optional<Instant> deadline(Duration sagaDeadline) {
        if (status == null || status.isFinal()) {
            return Optional.empty();
        }
        return Optional.of(placedAt().plus(sagaDeadline));
    }

    /**
     * Unfinished at {@code now}, with its deadline reached, and not given up yet. One being cancelled is past what its
     * deadline can do: it waits for fulfillment's answer however long that takes, as cancelling it without the answer
     * could refund goods the customer has.
     */
    public boolean isOverdue(Duration sagaDeadline, Instant now) {
        return status != OrderStatus.CANCELLING && deadline(sagaDeadline).map(deadline -> !now.isBefore(deadline)).orElse(false);
    }

    /**
     * Whether the order was given up without waiting for the saga: by ordering, for running out of time (its deadline
     * or its reservation), by its shopper or by staff. A fact that arrives afterwards (a capture, a rejection) is late, not
     * contradictory: the cancellation has already told payment and inventory to compensate.
     */
    public boolean wasGivenUp() {
        if (status != OrderStatus.CANCELLED) {
            return false;
        }
        String reason = history.get(history.size() - 1).reason();
        return DEADLINE_PASSED.equals(reason) || RESERVATION_EXPIRED.equals(reason) || wasCancelledByShopper()
                || reason.startsWith(CANCELLED_BY_STAFF + ": ");
    }

    /** Whether the order ended cancelled by its shopper: a second request of theirs is the same request again. */
    public boolean wasCancelledByShopper() {
        if (status != OrderStatus.CANCELLED) {
            return false;
        }
        String reason = history.get(history.size() - 1).reason();
        return CANCELLED_BY_SHOPPER.equals(reason) || reason.startsWith(CANCELLED_BY_SHOPPER + ": ");
    }

    /** The step that took the order into that status, the first time it entered it; empty if it never did. */
    public Optional<StatusChange> entered(OrderStatus status) {
        return history.stream().filter(change -> change.status() == status).findFirst();
    }

    /** The order's latest step: where it is now, since when, and why. Null for an order not placed yet. */
    public StatusChange lastChange() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** Whether the order was ever in that status, which tells a repeated fact from a new one. */
    public boolean hasBeen(OrderStatus status) {
        return history.stream().anyMatch(change -> change.status() == status);
    }

    public List<StatusChange> history() {
        return List.copyOf(history);
    }

    /** One step in the order's life: the status it entered, when, and why if it has a reason. */
    public record StatusChange(OrderStatus status, Instant at, String reason) {
    }
}
