package dev.bazaar.ordering.order.application;

import java.time.Instant;
import java.util.List;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.tracing.Traced;

/**
 * The read model of orders by customer: one summary per order, written in the transaction that
 * appends the order's event, and rebuildable from the streams at any time.
 */
public interface CustomerOrders {

    /** Keeps the summary unless the one kept already is as new or newer (a higher or equal version). */
    void save(OrderSummary summary);

    /** A customer's orders, the latest placed first. */
    Page<OrderSummary> of(CustomerId customer, PageRequest request);

    /**
     * Empties the read model for a rebuild in the caller's transaction, after waiting for any other
     * rebuild to commit. Readers keep seeing the old rows until the caller commits.
     */
    void clearForRebuild();

    /**
     * Orders not finished yet and placed before {@code cutoff}, the earliest first, each with the trace context its
     * placement was appended in.
     */
    List<Traced<OrderId>> unfinishedPlacedBefore(Instant cutoff, int limit);

    /** Orders not finished yet whose last change was at or before {@code cutoff}, the longest unchanged first. */
    Page<OrderSummary> unfinishedUnchangedSince(Instant cutoff, PageRequest request);
}
