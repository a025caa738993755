package dev.bazaar.payment.charge;

/**
 * A card number as ordering sent it: encrypted for one of payment's keys. Kept only until the
 * charge is decided. Its {@code toString} leaves the ciphertext out, so it never reaches a log.
 */
public record EncryptedCard(String keyId, String ciphertext) {

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
        return "EncryptedCard[keyId=" + keyId + ", ciphertext=<redacted>]";
    }
}
