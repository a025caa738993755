package dev.bazaar.payment.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import dev.bazaar.payment.cardkey.CardEncryptionKey;
import dev.bazaar.payment.cardkey.CardEncryptionKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCardEncryptionKeys implements CardEncryptionKeys {

    private final JdbcClient jdbc;

    JdbcCardEncryptionKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockForIssuing() {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('payment.card-key', 0))").query((rs, row) -> 1).list();
    }

    @Override
    public Optional<CardEncryptionKey> current() {
        return jdbc.sql("select * from card_encryption_key order by issued_at desc, key_id limit 1")
                .query(this::key).optional();
    }

    @Override
    public Optional<CardEncryptionKey> find(String keyId) {
        return jdbc.sql("select * from card_encryption_key where key_id = :keyId").param("keyId", keyId)
                .query(this::key).optional();
    }

    @Override
    public void add(CardEncryptionKey key) {
        jdbc.sql("""
                insert into card_encryption_key (key_id, algorithm, public_key, private_key, issued_at)
                values (:keyId, :algorithm, :publicKey, :privateKey, :issuedAt)""")
                .param("keyId", key.keyId())
                .param("algorithm", CardEncryptionKey.ALGORITHM)
                .param("publicKey", key.publicKeyBase64())
                .param("privateKey", key.privateKeyBase64())
                .param("issuedAt", Timestamp.from(key.issuedAt()))
                .update();
    }

    private CardEncryptionKey key(ResultSet rs, int row) throws SQLException {
        return CardEncryptionKey.restore(rs.getString("key_id"), rs.getString("public_key"), rs.getString("private_key"),
                rs.getTimestamp("issued_at").toInstant());
    }
}
