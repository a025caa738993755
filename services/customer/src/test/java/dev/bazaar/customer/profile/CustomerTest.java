package dev.bazaar.customer.profile;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerTest {

    private final Address lyon = new Address("12 Market Street", "Lyon", "69002", "FR");
    private final Address paris = new Address("1 Rue de la Paix", "Paris", "75002", "FR");
    private final Customer ada = new Customer(new CustomerId(UUID.randomUUID()), new Email("ada@example.com"), "Ada Lovelace", lyon);

    @Test
    void registeringAnnouncesTheWholeProfile() {
        CustomerEvent.Registered registered = ada.registered();

        assertThat(registered.customerId()).isEqualTo(ada.id());
        assertThat(registered.email()).isEqualTo(new Email("ada@example.com"));
        assertThat(registered.name()).isEqualTo("Ada Lovelace");
        assertThat(registered.address()).isEqualTo(lyon);
    }

    @Test
    void changingTheAddressAnnouncesTheNewAddress() {
        CustomerEvent.AddressChanged changed = ada.changeAddress(paris);

        assertThat(ada.address()).isEqualTo(paris);
        assertThat(changed.customerId()).isEqualTo(ada.id());
        assertThat(changed.address()).isEqualTo(paris);
    }

    @Test
    void refusesToChangeTheAddressToTheSameAddress() {
        assertThatThrownBy(() -> ada.changeAddress(new Address(" 12 Market Street ", "Lyon", "69002", "FR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThat(ada.address()).isEqualTo(lyon);
    }

    @Test
    void aCustomerNeedsANameOfAtMost200Characters() {
        assertThatThrownBy(() -> new Customer(new CustomerId(UUID.randomUUID()), new Email("a@example.com"), " ", lyon)).hasMessageContaining("name");
        assertThatThrownBy(() -> new Customer(new CustomerId(UUID.randomUUID()), new Email("a@example.com"), "n".repeat(201), lyon))
                .hasMessageContaining("200");
        assertThat(new Customer(new CustomerId(UUID.randomUUID()), new Email("a@example.com"), "  Ada ", lyon).name()).isEqualTo("Ada");
    }

    @Test
    void anEmailHasOneAtSignADomainWithADotAndNoSpaces() {
        assertThatThrownBy(() -> new Email("ada.example.com")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new Email("ada@example")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new Email("ada lovelace@example.com")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new Email("a@b@example.com")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new Email("")).hasMessageContaining("needs an email");
        assertThat(new Email("ada@mail.example.com").value()).isEqualTo("ada@mail.example.com");
    }

    @Test
    void anEmailIsTakenAsIdentityPublishedIt() {
        // Identity refused lookalikes and normalised the address at sign-up; customer neither repeats nor undoes it.
        assertThat(new Email("Ada@example.com").value()).isEqualTo("Ada@example.com");
        assertThat(new Email("\u0438\u0432\u0430\u043D@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444").value()).contains("@");
    }

    @Test
    void anAddressNeedsLine1CityPostalCodeAndAnIsoCountry() {
        assertThatThrownBy(() -> new Address("", "Lyon", "69002", "FR")).hasMessageContaining("line1");
        assertThatThrownBy(() -> new Address("1 Street", null, "69002", "FR")).hasMessageContaining("city");
        assertThatThrownBy(() -> new Address("1 Street", "Lyon", " ", "FR")).hasMessageContaining("postalCode");
        assertThatThrownBy(() -> new Address("1 Street", "Lyon", "69002", "fr")).hasMessageContaining("ISO 3166");
        assertThatThrownBy(() -> new Address("1 Street", "Lyon", "69002", "FRA")).hasMessageContaining("ISO 3166");
        assertThatThrownBy(() -> new Address("1 Street", "Lyon", "69002", "XX")).hasMessageContaining("ISO 3166");
        assertThat(new Address("1 Street", "Berlin", "10115", "DE").country()).isEqualTo("DE");
    }

    @Test
    void aCustomerIdIsAUuid() {
        assertThatThrownBy(() -> CustomerId.parse("42")).hasMessageContaining("UUID");
        assertThat(CustomerId.parse(ada.id().toString())).isEqualTo(ada.id());
    }
}
