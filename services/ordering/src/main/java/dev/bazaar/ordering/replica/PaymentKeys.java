package dev.bazaar.ordering.replica;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.OrderId;

/**
 * Payment's one-time card keys as offered on payment.events. Each encrypts one card: an order claims one, and no
 * other order ever gets it, not even when the offer is delivered again.
 */
public interface PaymentKeys {

    /** Records offered keys; a key offered again (a redelivery, a replay) keeps its state, claimed or not. */
    void offered(List<CardEncryptionKey> keys, Instant offeredAt);

    /** Claims the oldest unclaimed key for an order, in the caller's transaction; empty when none is left. */
    Optional<CardEncryptionKey> claim(OrderId order);

    /** How many offered keys no order has claimed. */
    long unclaimed();
}
