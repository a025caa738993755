package dev.bazaar.ordering.order.application;

import java.time.Instant;
import java.util.Optional;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.OrderId;

/**
 * The Idempotency-Keys of checkouts already made, so that a retried POST answers with the order it placed the first time.
 * A key is the customer's own: another customer's use of the same key is none of their business.
 */
public interface CheckoutRequests {

    /**
     * Claims the key for a new order, in the caller's transaction. When another transaction holds the
     * same key uncommitted, waits for it: its order is the answer if it commits, the key is ours if not.
     *
     * @param fingerprint what the request was, to tell a retry from another request under the same key
     * @return empty when the key is new and now belongs to {@code order}; the first request otherwise
     */
    Optional<FirstRequest> claim(CustomerId customer, String idempotencyKey, String fingerprint, OrderId order, Instant at);

    /** The customer's first request made with this key, if one committed; claims nothing and waits for nothing. */
    Optional<FirstRequest> find(CustomerId customer, String idempotencyKey);

    /** @return how many keys claimed before {@code cutoff} were forgotten */
    int forgetClaimedBefore(Instant cutoff);

    /** @param fingerprint null for a key claimed before requests were fingerprinted */
    record FirstRequest(OrderId orderId, String fingerprint) {
    }
}
