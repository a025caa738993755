package dev.bazaar.platform.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Set;

import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWECryptoParts;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AAD;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.crypto.impl.ECDHCryptoProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * ECDH-ES on X25519 (RFC 7518, RFC 8037) for Nimbus's JWEs, computed with the JDK's X25519 (SunEC) instead of the Tink
 * code that Nimbus's {@code OctetKeyPairGenerator}, {@code X25519Encrypter} and {@code X25519Decrypter} use. The keys
 * and JWEs are the same, and either side may use Nimbus's own classes; only the cost differs: with C1 alone, every
 * JVM's setting here, an X25519 operation takes the JDK about 205 µs of CPU and Tink about 500 µs, and an order takes
 * four (payment's one-time key made, ordering's ephemeral key and agreement, payment's agreement).
 *
 * <p>It builds on Nimbus's {@code crypto.impl} package ({@code ECDHCryptoProvider}, {@code AAD},
 * {@code CriticalHeaderParamsDeferral}), as Nimbus's own X25519 classes do; that package is public but not promised to
 * stay as it is, so a Nimbus upgrade should be checked against {@code X25519JweTest}, which compares the two.
 */
public final class X25519Jwe {

    private static final int KEY_BYTES = 32;
    private static final String X25519 = "X25519";
    /** The JDK's provider, named so that another one registered first (Bouncy Castle, say) is not used instead. */
    private static final String PROVIDER = "SunEC";

    private X25519Jwe() {
    }

    /** A new key pair as an OKP JWK builder, private half included: add its id, use and algorithm. */
    public static OctetKeyPair.Builder generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(X25519, PROVIDER).generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar()
                    .orElseThrow(() -> new IllegalStateException("The JDK's X25519 key has no scalar"));
            return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(raw((XECPublicKey) pair.getPublic())))
                    .d(Base64URL.encode(scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate an X25519 key", e);
        }
    }

    /** Encrypts for a public X25519 key, as Nimbus's {@code X25519Encrypter} does. */
    public static JWEEncrypter encrypter(OctetKeyPair recipient) {
        requireX25519(recipient);
        try {
            return new Encrypter(recipient);
        } catch (JOSEException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Decrypts with a private X25519 key, as Nimbus's {@code X25519Decrypter} does, critical headers included. */
    public static JWEDecrypter decrypter(OctetKeyPair key) {
        requireX25519(key);
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("Decrypting takes the private half of an X25519 key");
        }
        try {
            return new Decrypter(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static final class Encrypter extends ECDHCryptoProvider implements JWEEncrypter {

        private final PublicKey recipient;

        Encrypter(OctetKeyPair recipient) throws JOSEException {
            super(Curve.X25519, null);
            this.recipient = publicKey(recipient.getDecodedX());
        }

        @Override
        public Set<Curve> supportedEllipticCurves() {
            return Set.of(Curve.X25519);
        }

        @Override
        public JWECryptoParts encrypt(JWEHeader header, byte[] clearText, byte[] aad) throws JOSEException {
            try {
                KeyPair ephemeral = KeyPairGenerator.getInstance(X25519, PROVIDER).generateKeyPair();
                OctetKeyPair epk = new OctetKeyPair.Builder(Curve.X25519,
                        Base64URL.encode(raw((XECPublicKey) ephemeral.getPublic()))).build();
                SecretKey z = agree(ephemeral.getPrivate(), recipient);
                JWEHeader withEpk = new JWEHeader.Builder(header).ephemeralPublicKey(epk).build();
                // The additional data is the protected header, which now holds the ephemeral key (as Nimbus does it).
                byte[] withEpkAad = Arrays.equals(AAD.compute(header), aad) ? AAD.compute(withEpk) : aad;
                return encryptWithZ(withEpk, z, clearText, withEpkAad);
            } catch (GeneralSecurityException e) {
                throw new JOSEException("X25519 key agreement failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    private static final class Decrypter extends ECDHCryptoProvider implements JWEDecrypter {

        private final PrivateKey key;
        private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

        Decrypter(OctetKeyPair key) throws JOSEException {
            super(Curve.X25519, null);
            this.key = privateKey(key.getDecodedD());
        }

        @Override
        public Set<Curve> supportedEllipticCurves() {
            return Set.of(Curve.X25519);
        }

        @Override
        public byte[] decrypt(JWEHeader header, Base64URL encryptedKey, Base64URL iv, Base64URL cipherText, Base64URL authTag,
                              byte[] aad) throws JOSEException {
            critical.ensureHeaderPasses(header);
            if (!(header.getEphemeralPublicKey() instanceof OctetKeyPair epk) || !Curve.X25519.equals(epk.getCurve())
                    || epk.isPrivate()) {
                throw new JOSEException("The JWE's ephemeral public key is not a public X25519 key");
            }
            try {
                SecretKey z = agree(key, publicKey(epk.getDecodedX()));
                return decryptWithZ(header, aad, z, encryptedKey, iv, cipherText, authTag);
            } catch (GeneralSecurityException e) {
                throw new JOSEException("X25519 key agreement failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /** The shared secret Z; the JDK refuses a public key of small order, whose Z would be all zeros (RFC 7748 §6.1). */
    private static SecretKey agree(PrivateKey own, PublicKey other) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance(X25519, PROVIDER);
        agreement.init(own);
        agreement.doPhase(other, true);
        return new SecretKeySpec(agreement.generateSecret(), "AES");
    }

    private static void requireX25519(OctetKeyPair key) {
        if (!Curve.X25519.equals(key.getCurve())) {
            throw new IllegalArgumentException("Not an X25519 key: " + key.getCurve());
        }
    }

    /** The u-coordinate as RFC 7748 writes it: 32 bytes, little-endian. */
    private static byte[] raw(XECPublicKey key) {
        byte[] bigEndian = key.getU().toByteArray();
        byte[] raw = new byte[KEY_BYTES];
        for (int i = 0; i < Math.min(bigEndian.length, KEY_BYTES); i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return raw;
    }

    private static PublicKey publicKey(byte[] raw) throws JOSEException {
        if (raw.length != KEY_BYTES) {
            throw new JOSEException("An X25519 public key is 32 bytes");
        }
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = raw[KEY_BYTES - 1 - i];
        }
        // RFC 7748 §5: the most significant bit of the last byte is ignored.
        bigEndian[0] &= 0x7f;
        try {
            return KeyFactory.getInstance(X25519, PROVIDER).generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    new BigInteger(1, bigEndian)));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Not an X25519 public key", e);
        }
    }

    private static PrivateKey privateKey(byte[] scalar) throws JOSEException {
        try {
            return KeyFactory.getInstance(X25519, PROVIDER).generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Not an X25519 private key", e);
        }
    }
}
