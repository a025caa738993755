package dev.bazaar.identity.account;

import java.util.Optional;
import java.util.UUID;

/** Where accounts are kept. */
public interface Accounts {

    /** Adds an account; false, and nothing added, when its address has an account already. */
    boolean add(Account account);

    Optional<Account> findByEmail(EmailAddress email);

    Optional<Account> find(UUID id);
}
