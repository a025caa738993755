package dev.bazaar.ordering.order.application;

import java.time.Instant;
import java.util.Optional;

import dev.bazaar.ordering.order.OrderId;

/** The Idempotency-Keys of checkouts already made, so that a retried POST answers with the order it placed the first time. */
public interface CheckoutRequests {

    /**
     * Claims the key for a new order, in the caller's transaction. When another transaction holds the
     * same key uncommitted, waits for it: its order is the answer if it commits, the key is ours if not.
     *
     * @param fingerprint what the request was, to tell a retry from another request under the same key
     * @return empty when the key is new and now belongs to {@code order}; the first request otherwise
     */
    Optional<FirstRequest> claim(String idempotencyKey, String fingerprint, OrderId order, Instant at);

    /** The first request made with this key, if one committed; claims nothing and waits for nothing. */
    Optional<FirstRequest> find(String idempotencyKey);

    /** @return how many keys claimed before {@code cutoff} were forgotten */
    int forgetClaimedBefore(Instant cutoff);

    /** @param fingerprint null for a key claimed before requests were fingerprinted */
    record FirstRequest(OrderId orderId, String fingerprint) {
    }
}
