package dev.bazaar.payment.cardkey;

/**
 * A card key's private half as it rests in the database: a JWE ({@code dir}, {@code A256GCM}) under a key-encryption
 * key. Useless without that key, which is kept elsewhere.
 *
 * @param kekId the key-encryption key it is wrapped under
 * @param jwe   the JWE, compact serialization
 */
public record WrappedKey(String kekId, String jwe) {

    public WrappedKey {
        if (kekId == null || kekId.isBlank() || jwe == null || jwe.isBlank()) {
            throw new IllegalArgumentException("A wrapped key names its key-encryption key and holds its JWE");
        }
    }

    @Override
    public String toString() {
        return "WrappedKey[kek=" + kekId + "]";
    }
}
