package dev.bazaar.payment.cardkey;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardEncryptionKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final CardEncryptionKey KEY = CardEncryptionKey.generate("k-1", NOW);

    @Test
    void decryptsACardThatWasEncryptedWithItsAnnouncedPublicKey() throws Exception {
        String ciphertext = encrypt(KEY.issued().publicKey(), "4242424242424242");

        assertThat(KEY.decrypt(ciphertext)).isEqualTo("4242424242424242");
    }

    @Test
    void announcesAnRsa2048PublicKeyForRsaOaep256() throws Exception {
        CardEncryptionKey.KeyIssued issued = KEY.issued();

        assertThat(issued.keyId()).isEqualTo("k-1");
        assertThat(issued.algorithm()).isEqualTo("RSA-OAEP-256");
        assertThat(((RSAPublicKey) publicKey(issued.publicKey())).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void aStoredKeyDecryptsWhatItsOriginalDid() throws Exception {
        CardEncryptionKey restored = CardEncryptionKey.restore(KEY.keyId(), KEY.publicKeyBase64(), KEY.privateKeyBase64(), NOW);
        String ciphertext = encrypt(KEY.publicKeyBase64(), "4000000000000002");

        assertThat(restored.decrypt(ciphertext)).isEqualTo("4000000000000002");
        assertThat(restored.publicKeyBase64()).isEqualTo(KEY.publicKeyBase64());
    }

    @Test
    void refusesACardEncryptedForAnotherKeyWithoutQuotingIt() throws Exception {
        CardEncryptionKey other = CardEncryptionKey.generate("k-2", NOW);
        String ciphertext = encrypt(other.publicKeyBase64(), "4242424242424242");

        assertThatThrownBy(() -> KEY.decrypt(ciphertext))
                .isInstanceOf(CardEncryptionKey.UnreadableCard.class)
                .hasMessageNotContaining(ciphertext);
        assertThatThrownBy(() -> KEY.decrypt("not base64 at all!")).isInstanceOf(CardEncryptionKey.UnreadableCard.class);
    }

    @Test
    void refusesOaepWithTheJdkDefaultSha1MaskInsteadOfSha256() throws Exception {
        Cipher sha1Mask = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        sha1Mask.init(Cipher.ENCRYPT_MODE, publicKey(KEY.publicKeyBase64()));
        String ciphertext = Base64.getEncoder().encodeToString(sha1Mask.doFinal("4242424242424242".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> KEY.decrypt(ciphertext)).isInstanceOf(CardEncryptionKey.UnreadableCard.class);
    }

    @Test
    void neitherDescriptionNorAnnouncementContainsThePrivateKey() {
        assertThat(KEY.toString()).doesNotContain(KEY.privateKeyBase64());
        assertThat(KEY.issued().toString()).doesNotContain(KEY.privateKeyBase64());
    }

    /** Encrypts the way ordering does, independently of the class under test. */
    static String encrypt(String publicKeyBase64, String cardNumber) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(publicKeyBase64),
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return Base64.getEncoder().encodeToString(cipher.doFinal(cardNumber.getBytes(StandardCharsets.UTF_8)));
    }

    private static PublicKey publicKey(String base64) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
