package dev.bazaar.payment.cardkey;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where wrapped card keys rest: offered ones until an order's placement takes one, then with that order's pending
 * payment, which drops it when its charge is settled.
 */
public interface CardKeyStore {

    /** Serialises offering until the current transaction ends, so that two instances do not both top the pool up. */
    void lockForOffering();

    /** Keys offered and not yet taken by a placement that reached payment. */
    long countOffered();

    /** Offers keys, by their ids, as one write: the pool is topped up a batch at a time. */
    void offer(Map<String, WrappedKey> keys, Instant offeredAt);

    /** Removes an offered key from the pool and hands it to the caller; empty when no key has that id (any more). */
    Optional<WrappedKey> take(String keyId);

    /**
     * Re-wraps up to {@code limit} keys, offered or held by pending payments, that are not wrapped under {@code kekId};
     * returns how many it re-wrapped.
     */
    int rewrapNotUnder(String kekId, UnaryOperator<WrappedKey> rewrap, int limit);

    /** How many keys, offered or held, are wrapped under another key-encryption key than this one. */
    long countNotUnder(String kekId);

    /** The key-encryption keys something is wrapped under. */
    Set<String> keksInUse();
}
