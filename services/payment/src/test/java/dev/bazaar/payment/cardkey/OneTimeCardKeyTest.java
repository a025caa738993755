package dev.bazaar.payment.cardkey;

import java.security.SecureRandom;
import java.util.UUID;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.X25519Encrypter;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneTimeCardKeyTest {

    private static final KeyEncryptionKey KEK = kek("kek-1");
    private final OneTimeCardKey key = OneTimeCardKey.generate(UUID.randomUUID().toString());

    @Test
    void decryptsACardEncryptedForItAsOrderingDoes() throws Exception {
        assertThat(key.decrypt(encrypt(key, key.keyId(), "4242424242424242"))).isEqualTo("4242424242424242");
    }

    @Test
    void offersOnlyItsPublicHalfAsAJwkForEcdhEs() {
        assertThat(key.publicJwk()).containsEntry("kty", "OKP").containsEntry("crv", "X25519").containsEntry("kid", key.keyId())
                .containsEntry("use", "enc").containsEntry("alg", "ECDH-ES").doesNotContainKey("d");
    }

    @Test
    void restsWrappedAndComesBackWhole() throws Exception {
        WrappedKey wrapped = key.wrap(KEK);
        String card = encrypt(key, key.keyId(), "4000000000000002");

        assertThat(wrapped.kekId()).isEqualTo("kek-1");
        assertThat(wrapped.jwe()).doesNotContain(key.keyId());
        assertThat(OneTimeCardKey.unwrap(wrapped, KEK).decrypt(card)).isEqualTo("4000000000000002");
    }

    @Test
    void cannotBeUnwrappedWithAnotherKeyEncryptionKey() {
        WrappedKey wrapped = key.wrap(KEK);

        assertThatThrownBy(() -> OneTimeCardKey.unwrap(wrapped, kek("kek-2"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kek-1").hasMessageContaining("kek-2");
    }

    @Test
    void readsNoCardEncryptedForAnotherKey() throws Exception {
        OneTimeCardKey other = OneTimeCardKey.generate(UUID.randomUUID().toString());
        String forOther = encrypt(other, other.keyId(), "4242424242424242");
        String mislabelled = encrypt(other, key.keyId(), "4242424242424242");

        assertThatThrownBy(() -> key.decrypt(forOther)).isInstanceOf(OneTimeCardKey.UnreadableCard.class);
        assertThatThrownBy(() -> key.decrypt(mislabelled)).isInstanceOf(OneTimeCardKey.UnreadableCard.class)
                .hasMessageNotContaining("4242");
        assertThatThrownBy(() -> key.decrypt("not a JWE")).isInstanceOf(OneTimeCardKey.UnreadableCard.class);
    }

    @Test
    void aKeyEncryptionKeyKeepsItsSecretOutOfItsDescriptionAndIs32Bytes() {
        assertThat(KEK).hasToString("KeyEncryptionKey[kek-1]");
        assertThatThrownBy(() -> new KeyEncryptionKey("kek-x", new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEncryptionKey("../etc", new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encrypt(OneTimeCardKey recipient, String kid, String card) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).keyID(kid).build(),
                new Payload(card));
        jwe.encrypt(new X25519Encrypter(OctetKeyPair.parse(recipient.publicJwk())));
        return jwe.serialize();
    }

    private static KeyEncryptionKey kek(String id) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new KeyEncryptionKey(id, secret);
    }
}
