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

    /**
     * Two statements for the whole offer (up to payment's batch of 200 keys), not one a key. The second takes back
     * any key an order has claimed: a claim taking a key off the offer while the same offer comes again makes the
     * insert wait for it and then insert the key anew, and only a statement begun after that claim committed sees it.
     */
    @Override
    public void offered(List<CardEncryptionKey> keys, Instant offeredAt) {
        String[] ids = keys.stream().map(CardEncryptionKey::keyId).toArray(String[]::new);
        jdbc.sql("""
                insert into card_key_offered (key_id, jwk, offered_at)
                select key_id, jwk, :at from unnest(cast(:ids as text[]), cast(:jwks as text[])) as k(key_id, jwk)
                on conflict do nothing""")
                .param("ids", ids)
                .param("jwks", keys.stream().map(CardEncryptionKey::json).toArray(String[]::new))
                .param("at", Timestamp.from(offeredAt))
                .update();
        jdbc.sql("""
                delete from card_key_offered offered using card_key_claimed claimed
                where offered.key_id = any(cast(:ids as text[])) and claimed.key_id = offered.key_id""")
                .param("ids", ids)
                .update();
    }

    /**
     * Takes the oldest key off the offer and records the order that claimed it, in one statement. Skips keys other
     * checkouts hold locked, so that concurrent checkouts never wait for, or share, a key; card_key_claimed's primary
     * key would refuse a key a second order.
     */
    @Override
    public Optional<CardEncryptionKey> claim(OrderId order) {
        return jdbc.sql("""
                with taken as (
                    delete from card_key_offered
                    where key_id = (select key_id from card_key_offered order by offered_at, key_id limit 1 for update skip locked)
                    returning key_id, jwk),
                recorded as (
                    insert into card_key_claimed (key_id, claimed_by) select key_id, :order from taken)
                select jwk from taken""")
                .param("order", order.value())
                .query((rs, row) -> CardEncryptionKey.fromJson(rs.getString(1)))
                .optional();
    }

    @Override
    public long unclaimed() {
        return jdbc.sql("select count(*) from card_key_offered").query(Long.class).single();
    }
}
