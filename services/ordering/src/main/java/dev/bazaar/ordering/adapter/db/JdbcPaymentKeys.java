package dev.bazaar.ordering.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.replica.PaymentKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPaymentKeys implements PaymentKeys {

    private final JdbcClient jdbc;

    JdbcPaymentKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement for the whole offer (up to payment's batch of 200 keys), not one a key. */
    @Override
    public void offered(List<CardEncryptionKey> keys, Instant offeredAt) {
        jdbc.sql("""
                insert into card_key (key_id, jwk, offered_at)
                select key_id, jwk, :at from unnest(cast(:ids as text[]), cast(:jwks as text[])) as k(key_id, jwk)
                on conflict do nothing""")
                .param("ids", keys.stream().map(CardEncryptionKey::keyId).toArray(String[]::new))
                .param("jwks", keys.stream().map(CardEncryptionKey::json).toArray(String[]::new))
                .param("at", Timestamp.from(offeredAt))
                .update();
    }

    /** Skips keys other checkouts hold locked, so that concurrent checkouts never wait for, or share, a key. */
    @Override
    public Optional<CardEncryptionKey> claim(OrderId order) {
        return jdbc.sql("""
                update card_key set claimed_by = :order
                where key_id = (select key_id from card_key where claimed_by is null
                                order by offered_at, key_id limit 1 for update skip locked)
                returning jwk""")
                .param("order", order.value())
                .query((rs, row) -> CardEncryptionKey.fromJson(rs.getString(1)))
                .optional();
    }

    @Override
    public long unclaimed() {
        return jdbc.sql("select count(*) from card_key where claimed_by is null").query(Long.class).single();
    }
}
