package dev.bazaar.platform.crypto;

import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.X25519Decrypter;
import com.nimbusds.jose.crypto.X25519Encrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X25519JweTest {

    private static final String CARD = "4242424242424242";

    @Test
    void whatItEncryptsNimbusDecryptsAndTheOtherWayRound() throws Exception {
        OctetKeyPair nimbusKey = new OctetKeyPairGenerator(Curve.X25519).keyID("nimbus").generate();
        OctetKeyPair jdkKey = X25519Jwe.generate().keyID("jdk").build();

        assertThat(decrypt(encrypt(nimbusKey, true), new X25519Decrypter(nimbusKey))).isEqualTo(CARD);
        // A key made by Nimbus (Tink) before: the keys already in payment's pool when this came in.
        assertThat(decrypt(encrypt(nimbusKey, false), X25519Jwe.decrypter(nimbusKey))).isEqualTo(CARD);
        assertThat(decrypt(encrypt(jdkKey, false), X25519Jwe.decrypter(jdkKey))).isEqualTo(CARD);
        assertThat(decrypt(encrypt(jdkKey, true), X25519Jwe.decrypter(jdkKey))).isEqualTo(CARD);
        assertThat(decrypt(encrypt(jdkKey, true), new X25519Decrypter(jdkKey))).isEqualTo(CARD);
    }

    @Test
    void aKeyItGeneratesIsAnX25519PairWhosePublicHalfNimbusDerivesAlike() throws Exception {
        OctetKeyPair key = X25519Jwe.generate().build();

        assertThat(key.getCurve()).isEqualTo(Curve.X25519);
        assertThat(key.getDecodedX()).hasSize(32);
        assertThat(key.getDecodedD()).hasSize(32);
        // Nimbus (Tink) computes the public half from the private one: the same 32 bytes.
        assertThat(com.google.crypto.tink.subtle.X25519.publicFromPrivate(key.getDecodedD())).isEqualTo(key.getDecodedX());
        assertThat(X25519Jwe.generate().build().getDecodedD()).isNotEqualTo(key.getDecodedD());
    }

    @Test
    void anotherKeyOrAChangedCiphertextReadsNothing() throws Exception {
        OctetKeyPair key = X25519Jwe.generate().build();
        OctetKeyPair other = X25519Jwe.generate().build();
        String jwe = encrypt(key, true);

        assertThatThrownBy(() -> decrypt(jwe, X25519Jwe.decrypter(other))).isInstanceOf(JOSEException.class);
        String[] parts = jwe.split("\\.");
        char flipped = parts[3].charAt(0) == 'A' ? 'B' : 'A';
        String tampered = String.join(".", parts[0], parts[1], parts[2], flipped + parts[3].substring(1), parts[4]);
        assertThatThrownBy(() -> decrypt(tampered, X25519Jwe.decrypter(key))).isInstanceOf(JOSEException.class);
    }

    @Test
    void anEphemeralKeyOfSmallOrderIsRefusedRatherThanAgreedOn() {
        OctetKeyPair key = X25519Jwe.generate().build();
        // u = 0 has order 1 (RFC 7748 §6.1): the shared secret would be zeros, whatever the private key.
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .ephemeralPublicKey(new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(new byte[32])).build()).build();

        assertThatThrownBy(() -> X25519Jwe.decrypter(key).decrypt(header, null, Base64URL.encode(new byte[12]),
                Base64URL.encode(new byte[16]), Base64URL.encode(new byte[16]), new byte[0]))
                .isInstanceOf(JOSEException.class).hasMessageContaining("key agreement failed");
    }

    @Test
    void aPublicKeyCannotDecryptAndAnotherCurveIsRefused() throws Exception {
        OctetKeyPair key = X25519Jwe.generate().build();
        OctetKeyPair ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).generate();

        assertThatThrownBy(() -> X25519Jwe.decrypter(key.toPublicJWK())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> X25519Jwe.encrypter(ed25519.toPublicJWK())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encrypt(OctetKeyPair recipient, boolean withJdk) throws JOSEException {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .keyID(recipient.getKeyID()).build(), new Payload(CARD.getBytes(StandardCharsets.US_ASCII)));
        jwe.encrypt(withJdk ? X25519Jwe.encrypter(recipient.toPublicJWK()) : new X25519Encrypter(recipient.toPublicJWK()));
        return jwe.serialize();
    }

    private static String decrypt(String jwe, com.nimbusds.jose.JWEDecrypter decrypter) throws Exception {
        JWEObject object = JWEObject.parse(jwe);
        object.decrypt(decrypter);
        return object.getPayload().toString();
    }
}
