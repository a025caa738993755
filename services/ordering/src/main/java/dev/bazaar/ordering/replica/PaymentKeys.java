package dev.bazaar.ordering.replica;

import java.time.Instant;
import java.util.Optional;

import dev.bazaar.ordering.order.CardEncryptionKey;

/** Payment's card encryption keys as announced on payment.events; cards are encrypted with the latest. */
public interface PaymentKeys {

    /** Records a key; announcing the same key again changes nothing. */
    void issued(CardEncryptionKey key, Instant issuedAt);

    /** @return the key issued last, if any has been */
    Optional<CardEncryptionKey> latest();
}
