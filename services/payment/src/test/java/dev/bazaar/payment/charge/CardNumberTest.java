package dev.bazaar.payment.charge;

import dev.bazaar.payment.cardkey.WrappedKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardNumberTest {

    @Test
    void neverShowsMoreThanItsLastFourDigits() {
        CardNumber card = CardNumber.of("4242 4242 4242 4242");

        assertThat(card.digits()).isEqualTo("4242424242424242");
        assertThat(card.last4()).isEqualTo("4242");
        assertThat(card.toString()).doesNotContain("42424242").endsWith("4242");
    }

    @Test
    void aCardNumberIsTwelveToNineteenDigitsAndTheRefusalDoesNotQuoteIt() {
        assertThatThrownBy(() -> CardNumber.of("4242-4242-4242-424x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("4242");
        assertThatThrownBy(() -> CardNumber.of("12345")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksTheLuhnChecksum() {
        assertThat(CardNumber.of("4242424242424242").passesLuhnCheck()).isTrue();
        assertThat(CardNumber.of("4000000000000002").passesLuhnCheck()).isTrue();
        assertThat(CardNumber.of("5555555555554444").passesLuhnCheck()).isTrue();
        assertThat(CardNumber.of("4242424242424241").passesLuhnCheck()).isFalse();
    }

    @Test
    void anEncryptedCardLeavesItsCiphertextOutOfItsDescription() {
        assertThat(new EncryptedCard("k-1", "c2VjcmV0Y2lwaGVy", new WrappedKey("kek-1", "eyJ.secret")))
                .hasToString("EncryptedCard[keyId=k-1, ciphertext=<redacted>, WrappedKey[kek=kek-1]]");
    }
}
