package dev.bazaar.ordering.order;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.X25519Decrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardTest {

    private static final String VISA = "4242424242424242";
    private static OctetKeyPair payment;

    @BeforeAll
    static void paymentsOneTimeKey() throws JOSEException {
        payment = new OctetKeyPairGenerator(Curve.X25519).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.ENCRYPTION)
                .algorithm(JWEAlgorithm.ECDH_ES).generate();
    }

    private static Map<String, Object> offered() {
        return payment.toPublicJWK().toJSONObject();
    }

    @Test
    void aCardNumberIsTwelveToNineteenDigitsWithAValidCheckDigit() {
        assertThat(CardNumber.parse(VISA).last4()).isEqualTo("4242");
        assertThat(CardNumber.parse("4000000000000002").last4()).isEqualTo("0002");
        assertThat(CardNumber.parse("378282246310005").last4()).isEqualTo("0005");
        assertThatThrownBy(() -> CardNumber.parse("4242 4242 4242 4242")).hasMessageContaining("12 to 19 digits");
        assertThatThrownBy(() -> CardNumber.parse("42424242424")).hasMessageContaining("12 to 19 digits");
        assertThatThrownBy(() -> CardNumber.parse("42424242424242424242")).hasMessageContaining("12 to 19 digits");
        assertThatThrownBy(() -> CardNumber.parse(null)).isInstanceOf(CardNumber.InvalidCardNumber.class);
        assertThatThrownBy(() -> CardNumber.parse("4242424242424241")).hasMessageContaining("check digit");
    }

    @Test
    void aCardNumberNeverShowsItselfInAMessageOrAPrintout() {
        assertThat(CardNumber.parse(VISA)).hasToString("card ending 4242");
        assertThatThrownBy(() -> CardNumber.parse("4242424242424241")).message().doesNotContain("4242424242424241");
        assertThatThrownBy(() -> CardNumber.parse("4242x4242424242424")).message().doesNotContain("4242x");
    }

    @Test
    void aCardIsEncryptedAsAJweForTheOneTimeKeyAndOnlyItsPrivateHalfReadsIt() throws Exception {
        CardEncryptionKey key = CardEncryptionKey.of(offered());

        EncryptedCard card = key.encrypt(CardNumber.parse(VISA));

        assertThat(card.last4()).isEqualTo("4242");
        assertThat(card.keyId()).isEqualTo(payment.getKeyID());
        assertThat(card.ciphertext()).doesNotContain(VISA).matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}");
        assertThat(card.toString()).doesNotContain(card.ciphertext());
        assertThat(card.reference()).isEqualTo(new CardReference("4242", payment.getKeyID()));
        JWEObject jwe = JWEObject.parse(card.ciphertext());
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);
        assertThat(jwe.getHeader().getKeyID()).isEqualTo(payment.getKeyID());
        jwe.decrypt(new X25519Decrypter(payment));
        assertThat(jwe.getPayload().toString()).isEqualTo(VISA);
    }

    @Test
    void encryptingTheSameCardTwiceGivesDifferentCiphertexts() {
        CardEncryptionKey key = CardEncryptionKey.of(offered());

        assertThat(key.encrypt(CardNumber.parse(VISA)).ciphertext()).isNotEqualTo(key.encrypt(CardNumber.parse(VISA)).ciphertext());
    }

    @Test
    void onlyAPublicX25519KeyWithAnIdForEcdhEsEncryptionIsAccepted() throws JOSEException {
        OctetKeyPair ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k-ed").generate();
        OctetKeyPair signing = new OctetKeyPairGenerator(Curve.X25519).keyID("k-sig").keyUse(KeyUse.SIGNATURE).generate();

        assertThatThrownBy(() -> CardEncryptionKey.of(ed25519.toPublicJWK().toJSONObject())).hasMessageContaining("X25519");
        assertThatThrownBy(() -> CardEncryptionKey.of(signing.toPublicJWK().toJSONObject())).hasMessageContaining("encryption");
        assertThatThrownBy(() -> CardEncryptionKey.of(payment.toJSONObject())).as("a private key").hasMessageContaining("public");
        assertThatThrownBy(() -> CardEncryptionKey.of(new OctetKeyPair.Builder(payment.toPublicJWK()).keyID(null).build().toJSONObject()))
                .hasMessageContaining("kid");
        assertThatThrownBy(() -> CardEncryptionKey.of(Map.of("kty", "OKP"))).isInstanceOf(IllegalArgumentException.class);
    }
}
