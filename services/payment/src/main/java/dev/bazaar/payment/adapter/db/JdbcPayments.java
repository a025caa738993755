package dev.bazaar.payment.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.charge.Attempts;
import dev.bazaar.payment.cardkey.WrappedKey;
import dev.bazaar.payment.charge.EncryptedCard;
import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.PaymentStatus;
import dev.bazaar.payment.charge.Payments;
import dev.bazaar.payment.charge.application.DuePayments;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPayments implements Payments, DuePayments {

    private final JdbcClient jdbc;
    private final Traces traces;

    JdbcPayments(JdbcClient jdbc, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    @Override
    public void recordCancellation(UUID orderId, String reason) {
        jdbc.sql("insert into cancelled_order (order_id, reason) values (:orderId, :reason) on conflict (order_id) do nothing")
                .param("orderId", orderId)
                .param("reason", reason)
                .update();
    }

    @Override
    public Optional<String> cancellationOf(UUID orderId) {
        return jdbc.sql("select reason from cancelled_order where order_id = :orderId").param("orderId", orderId)
                .query(String.class).optional();
    }

    /**
     * The payment's row lock: it makes a worker's claim (which takes row locks, skipping locked rows) and this
     * transaction exclude each other, so a handler sees any lease committed before it, and the row is read as it is
     * locked. Nearly always the payment exists by now, its placement having come first, and that one statement is all.
     * An order without a payment yet has no row to lock: its advisory lock stands in, which its placement holds while
     * opening the payment ({@link #lockOrderToOpen}), and the row is looked for again under it, since a placement may
     * have committed meanwhile. (Read in one statement with the advisory lock, the row would come from a snapshot
     * taken before the wait.)
     */
    @Override
    public Optional<Payment> lockOrder(UUID orderId) {
        Optional<Payment> payment = lockRow(orderId);
        if (payment.isPresent()) {
            return payment;
        }
        advisoryLock(orderId);
        return lockRow(orderId);
    }

    /** The advisory lock first, then the row: for a placement, which nearly always finds none. */
    @Override
    public Optional<Payment> lockOrderToOpen(UUID orderId) {
        advisoryLock(orderId);
        return lockRow(orderId);
    }

    private void advisoryLock(UUID orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "payment.order:" + orderId)
                .query((rs, row) -> 1).list();
    }

    private Optional<Payment> lockRow(UUID orderId) {
        return jdbc.sql("select * from payment where order_id = :orderId for update").param("orderId", orderId)
                .query(this::payment).optional();
    }

    @Override
    public Optional<Payment> lockLeased(UUID paymentId, UUID leaseToken) {
        return jdbc.sql("select * from payment where payment_id = :id and lease_token = :token for update")
                .param("id", paymentId).param("token", leaseToken)
                .query(this::payment).optional();
    }

    @Override
    public Optional<Payment> findByOrder(UUID orderId) {
        return jdbc.sql("select * from payment where order_id = :orderId").param("orderId", orderId)
                .query(this::payment).optional();
    }

    @Override
    public void add(Payment payment) {
        TraceContext trace = traces.current();
        jdbc.sql("""
                insert into payment (payment_id, order_id, customer_id, amount, currency, card_last4, card_key_id,
                                     encrypted_card, card_kek_id, card_wrapped_key, stock_reserved, status, reason,
                                     attempts, next_attempt_at, last_error, charge_in_doubt, traceparent, baggage)
                values (:id, :orderId, :customerId, :amount, :currency, :last4, :keyId, :ciphertext, :kekId, :wrappedKey,
                        :stockReserved, :status, :reason, :attempts, :nextAttemptAt, :lastError, :chargeInDoubt,
                        :traceparent, :baggage)""")
                .param("id", payment.id())
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .param("orderId", payment.orderId())
                .param("customerId", payment.customerId())
                .param("amount", payment.amount().amount())
                .param("currency", payment.amount().currency())
                .param("last4", payment.cardLast4())
                .param("keyId", payment.card() == null ? null : payment.card().keyId())
                .param("ciphertext", payment.card() == null ? null : payment.card().ciphertext())
                .param("kekId", payment.card() == null || payment.card().key() == null ? null : payment.card().key().kekId())
                .param("wrappedKey", payment.card() == null || payment.card().key() == null ? null : payment.card().key().jwe())
                .param("stockReserved", payment.isStockReserved())
                .param("status", payment.status().name())
                .param("reason", payment.reason())
                .param("attempts", payment.attempts().made())
                .param("nextAttemptAt", timestamp(payment.attempts().nextAt()))
                .param("lastError", payment.attempts().lastError())
                .param("chargeInDoubt", payment.attempts().chargeInDoubt())
                .update();
    }

    @Override
    public void update(Payment payment) {
        update(payment, null);
    }

    @Override
    public void updateAndRelease(Payment payment, UUID leaseToken) {
        update(payment, leaseToken);
    }

    /**
     * Writes the payment as it is now, with the trace context of this change (the one a call it makes due belongs to;
     * outside any trace, the stored one is kept), and, given a lease, gives that up in the same statement.
     */
    private void update(Payment payment, UUID leaseToken) {
        TraceContext trace = traces.current();
        jdbc.sql("""
                update payment set card_key_id = :keyId, encrypted_card = :ciphertext, card_kek_id = :kekId,
                                   card_wrapped_key = :wrappedKey, stock_reserved = :stockReserved,
                                   status = :status, reason = :reason, attempts = :attempts,
                                   next_attempt_at = :nextAttemptAt, last_error = :lastError,
                                   charge_in_doubt = :chargeInDoubt, updated_at = now()
                """ + (trace.isEmpty() ? "" : ", traceparent = :traceparent, baggage = :baggage")
                + (leaseToken == null ? " where payment_id = :id"
                        : ", lease_token = null, lease_until = null where payment_id = :id and lease_token = :token"))
                .param("id", payment.id())
                .param("token", leaseToken)
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .param("keyId", payment.card() == null ? null : payment.card().keyId())
                .param("ciphertext", payment.card() == null ? null : payment.card().ciphertext())
                .param("kekId", payment.card() == null || payment.card().key() == null ? null : payment.card().key().kekId())
                .param("wrappedKey", payment.card() == null || payment.card().key() == null ? null : payment.card().key().jwe())
                .param("stockReserved", payment.isStockReserved())
                .param("status", payment.status().name())
                .param("reason", payment.reason())
                .param("attempts", payment.attempts().made())
                .param("nextAttemptAt", timestamp(payment.attempts().nextAt()))
                .param("lastError", payment.attempts().lastError())
                .param("chargeInDoubt", payment.attempts().chargeInDoubt())
                .update();
    }

    @Override
    public List<Traced<Payment>> claimDue(Instant now, int limit, Instant leaseUntil, UUID leaseToken) {
        return jdbc.sql("""
                with due as (
                    select payment_id from payment
                    where next_attempt_at <= :now and (lease_until is null or lease_until < :now)
                    order by next_attempt_at
                    limit :limit
                    for update skip locked)
                update payment p set lease_token = :token, lease_until = :leaseUntil
                from due where p.payment_id = due.payment_id
                returning p.*""")
                .param("now", timestamp(now))
                .param("limit", limit)
                .param("token", leaseToken)
                .param("leaseUntil", timestamp(leaseUntil))
                .query((rs, row) -> new Traced<>(payment(rs, row), TraceContext.of(rs)))
                .list();
    }

    @Override
    public boolean releaseLease(UUID paymentId, UUID leaseToken) {
        return jdbc.sql("""
                update payment set lease_token = null, lease_until = null
                where payment_id = :id and lease_token = :token""")
                .param("id", paymentId).param("token", leaseToken).update() == 1;
    }

    @Override
    public boolean isLeased(UUID paymentId) {
        return jdbc.sql("select lease_token is not null from payment where payment_id = :id").param("id", paymentId)
                .query(Boolean.class).optional().orElse(false);
    }

    @Override
    public List<Payment> list(UUID after, UUID through, long offset, int limit) {
        // Only the bounds given are written, so that the plan scans just that range of the unique index on order_id.
        // An order has one payment (order_id is unique): payment_id only breaks a tie, should that ever change.
        String sql = "select * from payment where true"
                + (after == null ? "" : " and order_id > :after")
                + (through == null ? "" : " and order_id <= :through")
                + " order by order_id, payment_id offset :offset limit :limit";
        return jdbc.sql(sql)
                .param("after", after).param("through", through)
                .param("offset", offset).param("limit", limit)
                .query(this::payment).list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from payment").query(Long.class).single();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private Payment payment(ResultSet rs, int row) throws SQLException {
        String ciphertext = rs.getString("encrypted_card");
        String wrapped = rs.getString("card_wrapped_key");
        EncryptedCard card = ciphertext == null ? null : new EncryptedCard(rs.getString("card_key_id"), ciphertext,
                wrapped == null ? null : new WrappedKey(rs.getString("card_kek_id"), wrapped));
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Attempts attempts = new Attempts(rs.getInt("attempts"), next == null ? null : next.toInstant(),
                rs.getString("last_error"), rs.getBoolean("charge_in_doubt"));
        return Payment.restore(rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getObject("customer_id", UUID.class), new Money(rs.getBigDecimal("amount"), rs.getString("currency")),
                rs.getString("card_last4"), card, rs.getBoolean("stock_reserved"), PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), attempts);
    }
}
