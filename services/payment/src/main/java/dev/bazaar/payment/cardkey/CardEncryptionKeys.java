package dev.bazaar.payment.cardkey;

import java.util.Optional;

/** Where card keys are kept, private halves included; nowhere else. */
public interface CardEncryptionKeys {

    /** Serialises issuing until the current transaction ends, so two instances starting together issue one key. */
    void lockForIssuing();

    /** The most recently issued key. */
    Optional<CardEncryptionKey> current();

    Optional<CardEncryptionKey> find(String keyId);

    void add(CardEncryptionKey key);
}
