package dev.bazaar.payment.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.payment.EncryptedCard;
import dev.bazaar.payment.payment.Money;
import dev.bazaar.payment.payment.Payment;
import dev.bazaar.payment.payment.PaymentStatus;
import dev.bazaar.payment.payment.Payments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPayments implements Payments {

    private final JdbcClient jdbc;

    JdbcPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockOrder(UUID orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "payment.order:" + orderId)
                .query((rs, row) -> 1).list();
    }

    @Override
    public Optional<Payment> findByOrder(UUID orderId) {
        return jdbc.sql("select * from payment where order_id = :orderId").param("orderId", orderId)
                .query(this::payment).optional();
    }

    @Override
    public void add(Payment payment) {
        jdbc.sql("""
                insert into payment (payment_id, order_id, amount, currency, card_last4, card_key_id, encrypted_card,
                                     stock_reserved, status, reason)
                values (:id, :orderId, :amount, :currency, :last4, :keyId, :ciphertext, :stockReserved, :status, :reason)""")
                .param("id", payment.id())
                .param("orderId", payment.orderId())
                .param("amount", payment.amount().amount())
                .param("currency", payment.amount().currency())
                .param("last4", payment.cardLast4())
                .param("keyId", payment.card() == null ? null : payment.card().keyId())
                .param("ciphertext", payment.card() == null ? null : payment.card().ciphertext())
                .param("stockReserved", payment.isStockReserved())
                .param("status", payment.status().name())
                .param("reason", payment.reason())
                .update();
    }

    @Override
    public void update(Payment payment) {
        jdbc.sql("""
                update payment set card_key_id = :keyId, encrypted_card = :ciphertext, stock_reserved = :stockReserved,
                                   status = :status, reason = :reason, updated_at = now()
                where payment_id = :id""")
                .param("id", payment.id())
                .param("keyId", payment.card() == null ? null : payment.card().keyId())
                .param("ciphertext", payment.card() == null ? null : payment.card().ciphertext())
                .param("stockReserved", payment.isStockReserved())
                .param("status", payment.status().name())
                .param("reason", payment.reason())
                .update();
    }

    private Payment payment(ResultSet rs, int row) throws SQLException {
        String ciphertext = rs.getString("encrypted_card");
        EncryptedCard card = ciphertext == null ? null : new EncryptedCard(rs.getString("card_key_id"), ciphertext);
        return Payment.restore(rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("card_last4"), card,
                rs.getBoolean("stock_reserved"), PaymentStatus.valueOf(rs.getString("status")), rs.getString("reason"));
    }
}
