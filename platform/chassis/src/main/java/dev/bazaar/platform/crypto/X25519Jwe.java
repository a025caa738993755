package dev.bazaar.platform.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

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
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * ECDH-ES on X25519 (RFC 7518, RFC 8037) for Nimbus's JWEs, computed with Bouncy Castle's RFC 7748 arithmetic instead
 * of the Tink code that Nimbus's {@code OctetKeyPairGenerator}, {@code X25519Encrypter} and {@code X25519Decrypter}
 * use. The keys and JWEs are the same, and either side may use Nimbus's own classes; only the cost differs. An order
 * takes four operations (payment's one-time key made, ordering's ephemeral key and agreement, payment's agreement), and
 * with C1 alone, every JVM's setting here, Tink takes about 500 µs of CPU an operation, the JDK's SunEC 400-500 µs, and
 * Bouncy Castle about 130 µs to make a key (a fixed base, from precomputed multiples) and 280 µs to agree on one.
 *
 * <p>It builds on Nimbus's {@code crypto.impl} package ({@code ECDHCryptoProvider}, {@code AAD},
 * {@code CriticalHeaderParamsDeferral}), as Nimbus's own X25519 classes do; that package is public but not promised to
 * stay as it is, so a Nimbus upgrade should be checked against {@code X25519JweTest}, which compares the two.
 */
public final class X25519Jwe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519Jwe() {
    }

    /** A new key pair as an OKP JWK builder, private half included: add its id, use and algorithm. */
    public static OctetKeyPair.Builder generate() {
        byte[] scalar = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, scalar);
        return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(publicKeyOf(scalar))).d(Base64URL.encode(scalar));
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

        private final byte[] recipient;

        Encrypter(OctetKeyPair recipient) throws JOSEException {
            super(Curve.X25519, null);
            this.recipient = point(recipient.getDecodedX());
        }

        @Override
        public Set<Curve> supportedEllipticCurves() {
            return Set.of(Curve.X25519);
        }

        @Override
        public JWECryptoParts encrypt(JWEHeader header, byte[] clearText, byte[] aad) throws JOSEException {
            byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
            X25519.generatePrivateKey(RANDOM, ephemeral);
            OctetKeyPair epk = new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(publicKeyOf(ephemeral))).build();
            SecretKey z = agree(ephemeral, recipient);
            JWEHeader withEpk = new JWEHeader.Builder(header).ephemeralPublicKey(epk).build();
            // The additional data is the protected header, which now holds the ephemeral key (as Nimbus does it).
            byte[] withEpkAad = Arrays.equals(AAD.compute(header), aad) ? AAD.compute(withEpk) : aad;
            return encryptWithZ(withEpk, z, clearText, withEpkAad);
        }
    }

    private static final class Decrypter extends ECDHCryptoProvider implements JWEDecrypter {

        private final byte[] scalar;
        private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

        Decrypter(OctetKeyPair key) throws JOSEException {
            super(Curve.X25519, null);
            this.scalar = key.getDecodedD();
            if (scalar.length != X25519.SCALAR_SIZE) {
                throw new JOSEException("An X25519 private key is 32 bytes");
            }
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
            return decryptWithZ(header, aad, agree(scalar, point(epk.getDecodedX())), encryptedKey, iv, cipherText, authTag);
        }
    }

    /** The shared secret Z, refused for a public key of small order, whose Z would be all zeros (RFC 7748 §6.1). */
    private static SecretKey agree(byte[] scalar, byte[] point) throws JOSEException {
        byte[] z = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(scalar, 0, point, 0, z, 0)) {
            throw new JOSEException("X25519 key agreement failed: the public key is of small order");
        }
        return new SecretKeySpec(z, "AES");
    }

    /** The u-coordinate as RFC 7748 writes it: 32 bytes, little-endian. */
    private static byte[] publicKeyOf(byte[] scalar) {
        byte[] point = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(scalar, 0, point, 0);
        return point;
    }

    private static byte[] point(byte[] raw) throws JOSEException {
        if (raw.length != X25519.POINT_SIZE) {
            throw new JOSEException("An X25519 public key is 32 bytes");
        }
        return raw;
    }

    private static void requireX25519(OctetKeyPair key) {
        if (!Curve.X25519.equals(key.getCurve())) {
            throw new IllegalArgumentException("Not an X25519 key: " + key.getCurve());
        }
    }
}
