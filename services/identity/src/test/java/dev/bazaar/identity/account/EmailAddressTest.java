package dev.bazaar.identity.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void anAddressHasOneAtSignADomainWithADotAndNoSpaces() {
        assertThatThrownBy(() -> new EmailAddress("ada.example.com")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new EmailAddress("ada@example")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new EmailAddress("ada lovelace@example.com")).hasMessageContaining("not an e-mail address");
    }

    @Test
    void anAddressThatCouldPassForAnotherIsRefused() {
        assertThatThrownBy(() -> new EmailAddress("ada@\u202Eelpmaxe.com")).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> new EmailAddress("ada\u200B@example.com")).hasMessageContaining("invisible");
        assertThatThrownBy(() -> new EmailAddress("ada@p\u0430ypal.com"))
                .hasMessageContaining("mixes Cyrillic and Latin letters in 'p\u0430ypal'");
        assertThatThrownBy(() -> new EmailAddress("\u0430da@example.com")).hasMessageContaining("mixes");
    }

    @Test
    void lookalikeFormsAreOneAddress() {
        assertThat(new EmailAddress("\uFF41da@EXAMPLE.com").value()).isEqualTo("ada@example.com");
        assertThat(new EmailAddress("Ada@Example.COM").canonical()).isEqualTo("ada@example.com");
        // One script per part is fine, whichever it is.
        assertThat(new EmailAddress("\u0438\u0432\u0430\u043D@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444").value()).contains("@");
    }

    @Test
    void aPasswordIsLongEnoughAndNotTheAddress() {
        EmailAddress ada = new EmailAddress("ada.lovelace@example.com");
        assertThatThrownBy(() -> Password.check("short", ada)).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> Password.check("x".repeat(129), ada)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> Password.check("ada.lovelace@example.com", ada)).hasMessageContaining("e-mail address");
        Password.check("correct horse battery staple", ada);
    }
}
