package dev.bazaar.identity.adapter.db;

import dev.bazaar.identity.account.EmailAddress;
import dev.bazaar.identity.account.application.Mail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mail written to the {@code mail} table, in the transaction of what caused it. */
@Repository
class JdbcMail implements Mail {

    private final JdbcClient jdbc;

    JdbcMail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(EmailAddress to, String subject, String body) {
        jdbc.sql("insert into mail (recipient, subject, body) values (:to, :subject, :body)")
                .param("to", to.value()).param("subject", subject).param("body", body).update();
    }
}
