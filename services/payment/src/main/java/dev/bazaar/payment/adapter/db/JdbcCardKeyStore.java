package dev.bazaar.payment.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.bazaar.payment.cardkey.CardKeyStore;
import dev.bazaar.payment.cardkey.WrappedKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCardKeyStore implements CardKeyStore {

    private final JdbcClient jdbc;

    JdbcCardKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockForOffering() {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('payment.card-key-offer', 0))").query((rs, row) -> 1).list();
    }

    @Override
    public long countOffered() {
        return jdbc.sql("select count(*) from card_key_offer").query(Long.class).single();
    }

    @Override
    public void offer(Map<String, WrappedKey> keys, Instant offeredAt) {
        jdbc.sql("""
                insert into card_key_offer (key_id, kek_id, wrapped_key, offered_at)
                select key_id, kek_id, wrapped_key, :at from unnest(cast(:keyIds as text[]), cast(:kekIds as text[]),
                                                                    cast(:wrapped as text[])) as k(key_id, kek_id, wrapped_key)""")
                .param("keyIds", keys.keySet().toArray(String[]::new))
                .param("kekIds", keys.values().stream().map(WrappedKey::kekId).toArray(String[]::new))
                .param("wrapped", keys.values().stream().map(WrappedKey::jwe).toArray(String[]::new))
                .param("at", Timestamp.from(offeredAt))
                .update();
    }

    @Override
    public Optional<WrappedKey> take(String keyId) {
        return jdbc.sql("delete from card_key_offer where key_id = :keyId returning kek_id, wrapped_key")
                .param("keyId", keyId)
                .query((rs, row) -> new WrappedKey(rs.getString(1), rs.getString(2)))
                .optional();
    }

    @Override
    public int rewrapNotUnder(String kekId, UnaryOperator<WrappedKey> rewrap, int limit) {
        List<Row> offered = jdbc.sql("""
                select key_id, kek_id, wrapped_key from card_key_offer where kek_id <> :kekId
                limit :limit for update skip locked""")
                .param("kekId", kekId).param("limit", limit)
                .query((rs, row) -> new Row(rs.getString(1), new WrappedKey(rs.getString(2), rs.getString(3))))
                .list();
        for (Row row : offered) {
            WrappedKey rewrapped = rewrap.apply(row.wrapped());
            jdbc.sql("update card_key_offer set kek_id = :kekId, wrapped_key = :wrapped where key_id = :keyId")
                    .param("kekId", rewrapped.kekId()).param("wrapped", rewrapped.jwe()).param("keyId", row.key()).update();
        }
        List<Row> held = jdbc.sql("""
                select payment_id::text, card_kek_id, card_wrapped_key from payment
                where card_wrapped_key is not null and card_kek_id <> :kekId
                limit :limit for update skip locked""")
                .param("kekId", kekId).param("limit", Math.max(0, limit - offered.size()))
                .query((rs, row) -> new Row(rs.getString(1), new WrappedKey(rs.getString(2), rs.getString(3))))
                .list();
        for (Row row : held) {
            WrappedKey rewrapped = rewrap.apply(row.wrapped());
            // Only while the payment still holds it: one settled meanwhile has dropped its key, and keeps it dropped.
            jdbc.sql("""
                    update payment set card_kek_id = :kekId, card_wrapped_key = :wrapped
                    where payment_id = cast(:id as uuid) and card_wrapped_key is not null""")
                    .param("kekId", rewrapped.kekId()).param("wrapped", rewrapped.jwe()).param("id", row.key()).update();
        }
        return offered.size() + held.size();
    }

    @Override
    public long countNotUnder(String kekId) {
        return jdbc.sql("""
                select (select count(*) from card_key_offer where kek_id <> :kekId)
                     + (select count(*) from payment where card_wrapped_key is not null and card_kek_id <> :kekId)""")
                .param("kekId", kekId).query(Long.class).single();
    }

    @Override
    public Set<String> keksInUse() {
        return new HashSet<>(jdbc.sql("""
                select kek_id from card_key_offer
                union select card_kek_id from payment where card_wrapped_key is not null""")
                .query(String.class).list());
    }

    private record Row(String key, WrappedKey wrapped) {
    }
}
