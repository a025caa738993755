package dev.bazaar.identity.adapter.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySealTest {

    private static final String JWK = "{\"kty\":\"RSA\",\"kid\":\"k-1\",\"d\":\"private\"}";

    private final KeySeal seal = new KeySeal("a-generated-secret");

    @Test
    void aSealedKeyOpensWithTheSameSecretAndShowsNothingOfTheKey() {
        String stored = seal.seal("k-1", JWK);

        assertThat(stored).startsWith(KeySeal.SEALED).doesNotContain("private").doesNotContain("kty");
        assertThat(seal.seal("k-1", JWK)).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThat(new KeySeal("a-generated-secret").open("k-1", stored)).isEqualTo(JWK);
    }

    @Test
    void anotherSecretOrAnotherKeyIdCannotOpenIt() {
        String stored = seal.seal("k-1", JWK);

        assertThatThrownBy(() -> new KeySeal("another-secret").open("k-1", stored))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the secret it was sealed with");
        assertThatThrownBy(() -> seal.open("k-2", stored)).as("a sealed key passed off as another's")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyStoredBeforeKeysWereSealedIsReadAsItIs() {
        assertThat(seal.open("k-1", JWK)).isEqualTo(JWK);
    }

    @Test
    void withoutASecretIdentityDoesNotStart() {
        assertThatThrownBy(() -> new KeySeal(" ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("identity.signing-keys.secret").hasMessageContaining("IDENTITY_SIGNINGKEYS_SECRET");
    }
}
