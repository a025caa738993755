package dev.bazaar.ordering.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.replica.PaymentKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPaymentKeys implements PaymentKeys {

    private final JdbcClient jdbc;

    JdbcPaymentKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void issued(CardEncryptionKey key, Instant issuedAt) {
        jdbc.sql("insert into payment_key (key_id, public_key, issued_at) values (:id, :key, :at) on conflict do nothing")
                .param("id", key.keyId())
                .param("key", key.encoded())
                .param("at", Timestamp.from(issuedAt))
                .update();
    }

    /** Latest by the time payment issued it: keys are keyed by their id, so they may arrive in any order. */
    @Override
    public Optional<CardEncryptionKey> latest() {
        return jdbc.sql("select key_id, public_key from payment_key order by issued_at desc, key_id desc limit 1")
                .query((rs, row) -> CardEncryptionKey.of(rs.getString(1), rs.getString(2)))
                .optional();
    }
}
