package dev.bazaar.identity.account.application;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import dev.bazaar.identity.account.Account;
import dev.bazaar.identity.account.Accounts;
import dev.bazaar.identity.account.EmailAddress;
import dev.bazaar.identity.account.Password;
import dev.bazaar.identity.account.Role;
import dev.bazaar.platform.messaging.Outbox;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up. Its answer is the same whether the address was free or not, and costs the same time (the password is
 * hashed either way): it cannot be used to learn who has an account. When the address was free the account is made and
 * {@code ShopperSignedUp} tells customer, in the same transaction; when it was not, the account's owner is told by
 * mail that someone tried, and nothing else changes.
 */
@Service
public class SignUp {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Mail mail;

    public SignUp(Accounts accounts, PasswordEncoder passwords, Outbox outbox, Mail mail) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.outbox = outbox;
        this.mail = mail;
    }

    /** What customer needs to make the shopper's record: their name and where to ship. */
    public record Profile(String name, String line1, String city, String postalCode, String country) {

        private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

        public Profile {
            // Customer refuses a country ISO does not know (UK, EU); taken here, such an account could sign in and
            // order, but would never get the customer record that its shipments wait for.
            if (!COUNTRIES.contains(country)) {
                throw new IllegalArgumentException("address.country must be an ISO 3166-1 alpha-2 code, such as FR or GB, was " + country);
            }
        }
    }

    @Transactional
    public void signUp(EmailAddress email, String password, Profile profile) {
        Password.check(password, email);
        Account account = new Account(UUID.randomUUID(), email, passwords.encode(password), Role.SHOPPER);
        if (accounts.add(account)) {
            outbox.append(account.id().toString(), new PublishedLanguage.ShopperSignedUp(account.id().toString(),
                    email.value(), profile.name(), new PublishedLanguage.AddressView(profile.line1(), profile.city(),
                    profile.postalCode(), profile.country())));
        } else {
            mail.send(email, "Someone tried to sign up with your address",
                    "An account with this address exists already, so nothing was changed. If it was you, sign in"
                            + " instead; if not, you need do nothing.");
        }
    }
}
