package dev.bazaar.identity.account;

import java.util.Objects;
import java.util.UUID;

/**
 * An account: its id (a shopper's is also their customer id, and the subject of their tokens), the address it signs
 * in with, the hash of its password (never the password) and its role.
 */
public record Account(UUID id, EmailAddress email, String passwordHash, Role role) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
    }
}
