package dev.bazaar.customer.profile;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreferencesTest {

    private final Customer ada = new Customer(new CustomerId(UUID.randomUUID()), new Email("ada@example.com"), "Ada Lovelace",
            new Address("12 Market Street", "Lyon", "69002", "FR"));

    @Test
    void aNewCustomerHasGivenNoConsentAndNoInstructions() {
        assertThat(ada.preferences()).isEqualTo(Preferences.NONE);
        assertThat(ada.preferences().marketingConsent()).isFalse();
        assertThat(ada.preferences().deliveryInstructions()).isEmpty();
    }

    @Test
    void newDeliveryInstructionsAreAnnouncedWithTheNextVersion() {
        Optional<CustomerEvent.PreferencesChanged> changed = ada.changePreferences(new Preferences(false, "  Ring twice  "));

        assertThat(ada.preferences().deliveryInstructions()).isEqualTo("Ring twice");
        assertThat(ada.version()).isEqualTo(2);
        assertThat(changed).contains(new CustomerEvent.PreferencesChanged(ada.id(), "Ring twice", 2));
    }

    @Test
    void aChangeOfMarketingConsentAloneCountsAsAChangeButIsNotAnnounced() {
        ada.changePreferences(new Preferences(false, "Ring twice"));

        Optional<CustomerEvent.PreferencesChanged> changed = ada.changePreferences(new Preferences(true, "Ring twice"));

        assertThat(changed).isEmpty();
        assertThat(ada.preferences().marketingConsent()).isTrue();
        assertThat(ada.version()).isEqualTo(3);
    }

    @Test
    void clearingTheInstructionsIsAnnouncedAsAnEmptyText() {
        ada.changePreferences(new Preferences(true, "Ring twice"));

        assertThat(ada.changePreferences(new Preferences(true, "   "))).map(CustomerEvent.PreferencesChanged::deliveryInstructions).contains("");
    }

    @Test
    void refusesToChangeThePreferencesToTheSamePreferences() {
        assertThatThrownBy(() -> ada.changePreferences(new Preferences(false, " "))).hasMessageContaining("already");
        assertThat(ada.version()).isEqualTo(1);
    }

    @Test
    void deliveryInstructionsArePlainTextOfAtMost300CharactersOnceTrimmed() {
        assertThat(new Preferences(false, " " + "x".repeat(300) + " ").deliveryInstructions()).hasSize(300);
        assertThat(new Preferences(false, null).deliveryInstructions()).isEmpty();
        assertThatThrownBy(() -> new Preferences(false, "x".repeat(301))).hasMessageContaining("deliveryInstructions").hasMessageContaining("300");
        for (String control : new String[] {"Ring\ntwice", "Ring\ttwice", "Ring\u0007", "Ring\u009btwice"}) {
            assertThatThrownBy(() -> new Preferences(false, control)).as(control).hasMessageContaining("control characters");
        }
        assertThat(new Preferences(false, "Sonnez deux fois — 2ᵉ étage, code 4B").deliveryInstructions()).contains("étage");
    }
}
