package dev.bazaar.identity.adapter.db;

import java.util.Optional;
import java.util.UUID;

import dev.bazaar.identity.account.Account;
import dev.bazaar.identity.account.Accounts;
import dev.bazaar.identity.account.EmailAddress;
import dev.bazaar.identity.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAccounts implements Accounts {

    private final JdbcClient jdbc;

    JdbcAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(Account account) {
        // The unique index on lower(email) decides between concurrent sign-ups with one address.
        return jdbc.sql("""
                        insert into account (id, email, password_hash, role) values (:id, :email, :hash, :role)
                        on conflict do nothing""")
                .param("id", account.id()).param("email", account.email().value())
                .param("hash", account.passwordHash()).param("role", account.role().name())
                .update() == 1;
    }

    @Override
    public Optional<Account> findByEmail(EmailAddress email) {
        return jdbc.sql("select id, email, password_hash, role from account where lower(email) = :email")
                .param("email", email.canonical()).query(JdbcAccounts::account).optional();
    }

    @Override
    public Optional<Account> find(UUID id) {
        return jdbc.sql("select id, email, password_hash, role from account where id = :id")
                .param("id", id).query(JdbcAccounts::account).optional();
    }

    private static Account account(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new Account(row.getObject("id", UUID.class), new EmailAddress(row.getString("email")),
                row.getString("password_hash"), Role.valueOf(row.getString("role")));
    }
}
