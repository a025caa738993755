package dev.bazaar.payment.cardkey;

import java.util.List;
import java.util.Optional;

/**
 * Where the key-encryption keys are kept: outside the database, behind this one interface (a directory under
 * {@code .bazaar/}, the environment; a KMS would be one more implementation).
 */
public interface KeyEncryptionKeys {

    /** The key new card keys are wrapped under. */
    KeyEncryptionKey current();

    Optional<KeyEncryptionKey> find(String id);

    /** Every key still kept, the current one included. */
    List<String> ids();

    /**
     * Makes a new key current; keys wrapped under the old one are re-wrapped in the background.
     *
     * @throws NotRotatableHere when the keys are managed elsewhere, saying how to rotate them there
     */
    KeyEncryptionKey rotate();

    /** Forgets a key that nothing is wrapped under any more. */
    void retire(String id);

    class NotRotatableHere extends RuntimeException {
        public NotRotatableHere(String how) {
            super(how);
        }
    }
}
