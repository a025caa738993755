package dev.bazaar.payment.cardkey;

import java.util.Arrays;

/**
 * An AES-256 key that wraps card keys at rest. It is kept outside the database (a file under {@code .bazaar/}, the
 * environment, a KMS), so that a copy of the database alone decrypts nothing.
 *
 * @param id     names it in every key it wraps, so that an old one is found after a rotation
 * @param secret its 32 bytes
 */
public record KeyEncryptionKey(String id, byte[] secret) {

    public KeyEncryptionKey {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("A key-encryption key's id is 1 to 64 letters, digits, '.', '_' or '-', was " + id);
        }
        if (secret == null || secret.length != 32) {
            throw new IllegalArgumentException("Key-encryption key " + id + " must be 32 bytes (AES-256)");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyEncryptionKey that && id.equals(that.id) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
