package dev.bazaar.identity.account.application;

import java.util.UUID;

import dev.bazaar.identity.IdentityProperties;
import dev.bazaar.identity.account.Account;
import dev.bazaar.identity.account.Accounts;
import dev.bazaar.identity.account.EmailAddress;
import dev.bazaar.identity.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The staff account, made at the first start with the password the launcher generated for it (and printed once; it is
 * kept under {@code .bazaar/}). Later starts leave it as it is: a changed password is the account's own business.
 */
@Component
class StaffAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StaffAccount.class);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;

    StaffAccount(Accounts accounts, PasswordEncoder passwords, IdentityProperties properties) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.staff().password() == null || properties.staff().password().isBlank()) {
            log.info("No staff password given (identity.staff.password): no staff account is made");
            return;
        }
        EmailAddress email = new EmailAddress(properties.staff().email());
        if (accounts.findByEmail(email).isEmpty()
                && accounts.add(new Account(UUID.randomUUID(), email, passwords.encode(properties.staff().password()), Role.STAFF))) {
            log.info("Made the staff account {}", email);
        }
    }
}
