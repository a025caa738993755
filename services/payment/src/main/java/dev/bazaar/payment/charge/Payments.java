package dev.bazaar.payment.charge;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where payments are kept: one per order. */
public interface Payments {

    /**
     * Serialises every change about one order until the current transaction ends, including a
     * worker's claim of its payment. The order's events arrive on two topics, handled concurrently;
     * without this each handler could miss what the other has just written, and a cancellation
     * could miss a charge that a worker has just started.
     *
     * @return the order's payment, read under that lock, if it has one yet
     */
    Optional<Payment> lockOrder(UUID orderId);

    /**
     * {@link #lockOrder} for the order's placement, which expects to find no payment and open one: the same lock, taken
     * in the order that costs least when there is none yet.
     */
    Optional<Payment> lockOrderToOpen(UUID orderId);

    Optional<Payment> findByOrder(UUID orderId);

    /** Remembers an order cancelled before its placement arrived here, so that it is never charged. */
    void recordCancellation(UUID orderId, String reason);

    /** Why the order was cancelled before its placement arrived, if it was. */
    Optional<String> cancellationOf(UUID orderId);

    void add(Payment payment);

    void update(Payment payment);

    /** @return false when the lease was lost (it ran out and another worker claimed the payment) */
    boolean releaseLease(UUID paymentId, UUID leaseToken);

    /**
     * Locks a payment for the worker that leased it, as {@link #lockOrder} does (a payment that is leased exists):
     * empty when the lease was lost (it ran out and another worker claimed the payment), which is then not locked.
     */
    Optional<Payment> lockLeased(UUID paymentId, UUID leaseToken);

    /** {@link #update} and {@link #releaseLease} at once, for the worker holding the lease ({@link #lockLeased}). */
    void updateAndRelease(Payment payment, UUID leaseToken);

    /** A worker holds (or died holding) a lease on the payment: a call to the processor may be under way. */
    boolean isLeased(UUID paymentId);

    /**
     * Payments by order id (PostgreSQL's uuid order), so that the audit can read those of a range of orders.
     *
     * @param after   only payments of orders with a greater id; null for no such bound
     * @param through only payments of orders with this id or a smaller one; null for no such bound
     */
    List<Payment> list(UUID after, UUID through, long offset, int limit);

    long count();
}
