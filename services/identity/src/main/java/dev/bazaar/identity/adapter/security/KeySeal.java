package dev.bazaar.identity.adapter.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a signing key for the database: AES-256-GCM under a key derived from {@code identity.signing-keys.secret}, which
 * lives outside the database (the launcher generates it under {@code .bazaar/}), and bound to the key's id, so that a
 * sealed key cannot be passed off as another. Whoever reads the database or a backup of it sees no private key, and
 * cannot sign tokens that the gateway and every service would accept.
 * <p>
 * The secret is high-entropy (generated, not chosen by a person), so a hash is enough to derive the key from it; a
 * password hash's deliberate slowness would buy nothing.
 */
final class KeySeal {

    static final String SEALED = "sealed:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /** @throws IllegalStateException when there is no secret: identity will not keep its keys unsealed */
    KeySeal(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("identity.signing-keys.secret is not set (IDENTITY_SIGNINGKEYS_SECRET): identity seals "
                    + "its signing keys with it before they are stored. './bazaar up' sets it from .bazaar/secrets.properties.");
        }
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("bazaar identity signing keys\0" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The key as stored: {@value #SEALED} and the nonce with the ciphertext, in Base64. */
    String seal(String kid, String jwk) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, nonce);
            byte[] sealed = cipher.doFinal(jwk.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " could not be sealed", e);
        }
    }

    /**
     * The key as it was sealed; a key stored before keys were sealed is returned as it is.
     *
     * @throws IllegalStateException when it was sealed with another secret, or for another key id
     */
    String open(String kid, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] both = Base64.getDecoder().decode(stored.substring(SEALED.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, kid, java.util.Arrays.copyOf(both, NONCE_BYTES));
            return new String(cipher.doFinal(both, NONCE_BYTES, both.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be opened: identity.signing-keys.secret is not the "
                    + "secret it was sealed with. Restore that secret, or delete the rows of signing_key (every token signed "
                    + "so far stops being accepted, and identity makes a new key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be opened", e);
        }
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(SEALED);
    }

    private Cipher cipher(int mode, String kid, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
