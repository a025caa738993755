package dev.bazaar.ordering.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardTest {

    private static final String VISA = "4242424242424242";
    private static KeyPair payment;

    @BeforeAll
    static void paymentsKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        payment = generator.generateKeyPair();
    }

    private static String publicKey() {
        return Base64.getEncoder().encodeToString(payment.getPublic().getEncoded());
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
    void aCardEncryptedWithPaymentsPublicKeyDecryptsWithItsPrivateKeyOnly() throws GeneralSecurityException {
        CardEncryptionKey key = CardEncryptionKey.of("k-test", publicKey());

        EncryptedCard card = key.encrypt(CardNumber.parse(VISA));

        assertThat(card.last4()).isEqualTo("4242");
        assertThat(card.keyId()).isEqualTo("k-test");
        assertThat(card.ciphertext()).doesNotContain(VISA);
        assertThat(card.toString()).doesNotContain(card.ciphertext());
        assertThat(card.reference()).isEqualTo(new CardReference("4242", "k-test"));
        Cipher cipher = Cipher.getInstance(CardEncryptionKey.TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, payment.getPrivate(), CardEncryptionKey.OAEP_SHA256);
        String decrypted = new String(cipher.doFinal(Base64.getDecoder().decode(card.ciphertext())), StandardCharsets.US_ASCII);
        assertThat(decrypted).isEqualTo(VISA);
    }

    @Test
    void encryptingTheSameCardTwiceGivesDifferentCiphertexts() {
        CardEncryptionKey key = CardEncryptionKey.of("k-test", publicKey());

        assertThat(key.encrypt(CardNumber.parse(VISA)).ciphertext()).isNotEqualTo(key.encrypt(CardNumber.parse(VISA)).ciphertext());
    }

    @Test
    void onlyAnRsaPublicKeyOfAtLeast2048BitsIsAccepted() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());

        assertThatThrownBy(() -> CardEncryptionKey.of("k-weak", weak)).hasMessageContaining("2048");
        assertThatThrownBy(() -> CardEncryptionKey.of("k-bad", "not base64!")).hasMessageContaining("X.509");
        assertThatThrownBy(() -> CardEncryptionKey.of("k-short", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")).hasMessageContaining("X.509");
        assertThatThrownBy(() -> CardEncryptionKey.of(" ", publicKey())).hasMessageContaining("id");
    }
}
