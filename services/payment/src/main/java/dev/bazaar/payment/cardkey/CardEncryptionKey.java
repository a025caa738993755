package dev.bazaar.payment.cardkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * An RSA-2048 key pair for card numbers. Ordering encrypts with the public half, which payment
 * announces; only payment holds the private half, to decrypt a card just before charging it.
 *
 * <p>OAEP's parameters are spelled out: the JDK's default for this transformation uses SHA-1 for
 * MGF1, which would not match what other parties mean by RSA-OAEP-256.
 */
public final class CardEncryptionKey {

    /** The algorithm's name as announced (JWA's name for RSA-OAEP with SHA-256 and MGF1-SHA-256). */
    public static final String ALGORITHM = "RSA-OAEP-256";
    public static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
    public static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    private static final int KEY_SIZE = 2048;

    private final String keyId;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final Instant issuedAt;

    private CardEncryptionKey(String keyId, PublicKey publicKey, PrivateKey privateKey, Instant issuedAt) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("A key needs an id");
        }
        this.keyId = keyId;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public static CardEncryptionKey generate(String keyId, Instant issuedAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            return new CardEncryptionKey(keyId, pair.getPublic(), pair.getPrivate(), issuedAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    /** A key as it was stored: X.509 public key and PKCS#8 private key, both base64. */
    public static CardEncryptionKey restore(String keyId, String publicKeyBase64, String privateKeyBase64, Instant issuedAt) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new CardEncryptionKey(keyId,
                    rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64))),
                    issuedAt);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored key " + keyId + " cannot be read", e);
        }
    }

    /**
     * @param ciphertextBase64 a card number encrypted for this key, base64
     * @return the card number in clear; the caller keeps it in memory only
     * @throws UnreadableCard when it is not base64 or was not encrypted for this key
     */
    public String decrypt(String ciphertextBase64) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, privateKey, OAEP);
            byte[] clear = cipher.doFinal(Base64.getDecoder().decode(ciphertextBase64));
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The cause's message is left out: some providers quote the input.
            throw new UnreadableCard("The card cannot be decrypted with key " + keyId + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    public KeyIssued issued() {
        return new KeyIssued(keyId, ALGORITHM, publicKeyBase64());
    }

    public String keyId() {
        return keyId;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** X.509 SubjectPublicKeyInfo, base64: what anyone may encrypt with. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** PKCS#8, base64: for payment's own store only. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    @Override
    public String toString() {
        return "CardEncryptionKey[" + keyId + "]";
    }

    /** The announcement of a new key: its id and public half. */
    public record KeyIssued(String keyId, String algorithm, String publicKey) {
    }

    public static class UnreadableCard extends IllegalArgumentException {
        public UnreadableCard(String message) {
            super(message);
        }
    }
}
