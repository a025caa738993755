package dev.bazaar.ordering.order;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.bazaar.platform.crypto.X25519Jwe;

/**
 * One of payment's one-time public keys for card numbers: an X25519 JWK (OKP, RFC 8037). A card is encrypted for it as a JWE
 * ({@code ECDH-ES}, {@code A256GCM}) and the key is never used again; payment holds the private half only until that
 * card's charge is settled, so the ciphertext is unreadable afterwards, wherever it is kept.
 */
public final class CardEncryptionKey {

    public static final JWEAlgorithm ALGORITHM = JWEAlgorithm.ECDH_ES;
    public static final EncryptionMethod ENCRYPTION = EncryptionMethod.A256GCM;

    private final OctetKeyPair key;

    private CardEncryptionKey(OctetKeyPair key) {
        this.key = key;
    }

    /**
     * @param jwk a public JWK as payment offered it
     * @throws IllegalArgumentException when it is not a public X25519 key with an id, meant for ECDH-ES encryption
     */
    public static CardEncryptionKey of(Map<String, Object> jwk) {
        Objects.requireNonNull(jwk, "jwk");
        OctetKeyPair key;
        try {
            key = OctetKeyPair.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalArgumentException("A card key is not an OKP JWK: " + e.getMessage());
        }
        if (key.isPrivate() || !Curve.X25519.equals(key.getCurve()) || key.getKeyID() == null || key.getKeyID().isBlank()
                || (key.getKeyUse() != null && !KeyUse.ENCRYPTION.equals(key.getKeyUse()))
                || (key.getAlgorithm() != null && !ALGORITHM.equals(key.getAlgorithm()))) {
            throw new IllegalArgumentException("A card key is a public X25519 JWK with a kid, for ECDH-ES encryption");
        }
        return new CardEncryptionKey(key);
    }

    public EncryptedCard encrypt(CardNumber card) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(ALGORITHM, ENCRYPTION).keyID(keyId()).build(),
                new Payload(card.digits().getBytes(StandardCharsets.US_ASCII)));
        try {
            jwe.encrypt(X25519Jwe.encrypter(key));
        } catch (JOSEException e) {
            // Never the card in the message: only which key failed.
            throw new IllegalStateException("Could not encrypt a card with key " + keyId() + ": " + e.getClass().getSimpleName());
        }
        return new EncryptedCard(card.last4(), keyId(), jwe.serialize());
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The JWK, as payment offered it. */
    public String json() {
        return key.toJSONString();
    }

    /** @throws IllegalArgumentException when the stored text is not a card key (it was stored from one) */
    public static CardEncryptionKey fromJson(String json) {
        try {
            return of(com.nimbusds.jose.util.JSONObjectUtils.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("A stored card key is not JSON");
        }
    }

    @Override
    public String toString() {
        return "CardEncryptionKey[" + keyId() + "]";
    }
}
