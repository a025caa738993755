package dev.bazaar.ordering.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Payment's public key for card numbers (RSA-OAEP-256). Only payment holds the private key, so once
 * encrypted, a card number can be read by payment alone.
 */
public final class CardEncryptionKey {

    public static final String ALGORITHM = "RSA-OAEP-256";
    public static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
    /** Spelled out: the provider's default for this transformation would use SHA-1 for MGF1, which payment would not decrypt. */
    public static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final String keyId;
    private final PublicKey publicKey;
    private final String encoded;

    private CardEncryptionKey(String keyId, PublicKey publicKey, String encoded) {
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.encoded = encoded;
    }

    /**
     * @param publicKey base64 of the X.509 SubjectPublicKeyInfo of an RSA key
     * @throws IllegalArgumentException when it is not an RSA public key of at least 2048 bits
     */
    public static CardEncryptionKey of(String keyId, String publicKey) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("A card encryption key needs an id");
        }
        Objects.requireNonNull(publicKey, "public key");
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Card encryption key " + keyId + " is not a base64 X.509 RSA public key", e);
        }
        if (!(key instanceof RSAPublicKey) || ((RSAPublicKey) key).getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("Card encryption key " + keyId + " is not an RSA key of at least 2048 bits");
        }
        return new CardEncryptionKey(keyId, key, publicKey);
    }

    public EncryptedCard encrypt(CardNumber card) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, OAEP_SHA256);
            byte[] ciphertext = cipher.doFinal(card.digits().getBytes(StandardCharsets.US_ASCII));
            return new EncryptedCard(card.last4(), keyId, Base64.getEncoder().encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            // Never the card in the message: only which key failed.
            throw new IllegalStateException("Could not encrypt a card with key " + keyId + ": " + e.getClass().getSimpleName());
        }
    }

    public String keyId() {
        return keyId;
    }

    /** Base64 of the X.509 SubjectPublicKeyInfo, as payment published it. */
    public String encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return "CardEncryptionKey[" + keyId + "]";
    }
}
