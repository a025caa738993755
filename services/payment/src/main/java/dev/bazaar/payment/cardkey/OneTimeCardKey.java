package dev.bazaar.payment.cardkey;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.bazaar.platform.crypto.X25519Jwe;

/**
 * An X25519 key pair (an OKP JWK, RFC 8037) that one card number is encrypted for, and no other. Ordering encrypts
 * the card as a JWE ({@code ECDH-ES}, {@code A256GCM}, RFC 7516/7518) with the public half, which payment offered;
 * payment decrypts it with the private half just before charging, and drops that half with the card once the charge
 * is settled. Every ciphertext left behind (on ordering's topic, in a dead letter) is then useless: no key that can
 * read it exists. X25519 rather than P-256: on Java 17 it costs a quarter of the CPU per key, and a key per order is
 * on the hot path.
 */
public final class OneTimeCardKey {

    public static final JWEAlgorithm ALGORITHM = JWEAlgorithm.ECDH_ES;
    public static final EncryptionMethod ENCRYPTION = EncryptionMethod.A256GCM;

    private final OctetKeyPair key;

    private OneTimeCardKey(OctetKeyPair key) {
        if (!key.isPrivate() || !Curve.X25519.equals(key.getCurve()) || key.getKeyID() == null) {
            throw new IllegalArgumentException("A card key is a private X25519 key with an id");
        }
        this.key = key;
    }

    /** A new key pair, named by the id the caller makes (payment makes them time-sorted, as it keys them). */
    public static OneTimeCardKey generate(String keyId) {
        return new OneTimeCardKey(X25519Jwe.generate().keyID(keyId)
                .keyUse(KeyUse.ENCRYPTION).algorithm(ALGORITHM).build());
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half as a JWK (RFC 7517): what anyone may encrypt a card with. */
    public Map<String, Object> publicJwk() {
        return key.toPublicJWK().toJSONObject();
    }

    /** The private half, encrypted under a key-encryption key: how it rests in the database. */
    public WrappedKey wrap(KeyEncryptionKey kek) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(kek.id()).build(),
                new Payload(key.toJSONString()));
        try {
            jwe.encrypt(new DirectEncrypter(kek.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not wrap card key " + keyId() + " under " + kek.id(), e);
        }
        return new WrappedKey(kek.id(), jwe.serialize());
    }

    /** @throws IllegalStateException when it was not wrapped under this key-encryption key, or was tampered with */
    public static OneTimeCardKey unwrap(WrappedKey wrapped, KeyEncryptionKey kek) {
        try {
            JWEObject jwe = JWEObject.parse(wrapped.jwe());
            jwe.decrypt(new DirectDecrypter(kek.secret()));
            return new OneTimeCardKey(OctetKeyPair.parse(jwe.getPayload().toString()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            // The cause's message could quote the input: only which keys are involved.
            throw new IllegalStateException("A card key wrapped under " + wrapped.kekId() + " cannot be unwrapped with " + kek.id()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param jwe a card number encrypted for this key: a JWE, compact serialization
     * @return the card number in clear; the caller keeps it in memory only
     * @throws UnreadableCard when it is not a JWE for this key with the expected algorithms
     */
    public String decrypt(String jwe) {
        try {
            JWEObject card = JWEObject.parse(jwe);
            JWEHeader header = card.getHeader();
            if (!ALGORITHM.equals(header.getAlgorithm()) || !ENCRYPTION.equals(header.getEncryptionMethod())
                    || !keyId().equals(header.getKeyID())) {
                throw new UnreadableCard("The card is not an " + ALGORITHM + "/" + ENCRYPTION + " JWE for key " + keyId());
            }
            card.decrypt(X25519Jwe.decrypter(key));
            return card.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new UnreadableCard("The card cannot be decrypted with key " + keyId() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "OneTimeCardKey[" + keyId() + "]";
    }

    public static class UnreadableCard extends IllegalArgumentException {
        public UnreadableCard(String message) {
            super(message);
        }
    }
}
