package dev.bazaar.payment.charge;

import dev.bazaar.payment.cardkey.WrappedKey;

/**
 * A card number as ordering sent it, encrypted for one of payment's one-time keys, together with that key (wrapped)
 * once the payment has taken it from the pool. Kept only until the charge is decided; the key goes with it, so that
 * the ciphertext, wherever else it is kept, can no longer be read. Its {@code toString} leaves the ciphertext out,
 * so it never reaches a log.
 *
 * @param key the one-time key's private half, wrapped; null when payment holds no key by that id (never offered, or
 *            taken by another order): such a card cannot be read, and is declined
 */
public record EncryptedCard(String keyId, String ciphertext, WrappedKey key) {

    public EncryptedCard {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("An encrypted card names the key it was encrypted for");
        }
        if (ciphertext == null || ciphertext.isBlank()) {
            throw new IllegalArgumentException("An encrypted card needs its ciphertext");
        }
    }

    @Override
    public String toString() {
        return "EncryptedCard[keyId=" + keyId + ", ciphertext=<redacted>, " + (key == null ? "no key" : key) + "]";
    }
}
