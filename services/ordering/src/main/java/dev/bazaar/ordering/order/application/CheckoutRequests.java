package dev.bazaar.ordering.order.application;

import java.util.Optional;

import dev.bazaar.ordering.order.OrderId;

/** The Idempotency-Keys of checkouts already made, so that a retried POST answers with the order it placed the first time. */
public interface CheckoutRequests {

    /**
     * Claims the key for a new order, in the caller's transaction.
     *
     * @return empty when the key is new and now belongs to {@code order}; the first order's id otherwise
     */
    Optional<OrderId> claim(String idempotencyKey, OrderId order);
}
