package dev.bazaar.ordering.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.application.CheckoutRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCheckoutRequests implements CheckoutRequests {

    private final JdbcClient jdbc;

    JdbcCheckoutRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FirstRequest> claim(CustomerId customer, String idempotencyKey, String fingerprint, OrderId order, Instant at) {
        // A concurrent request with the same key makes this insert wait for its transaction: it either
        // commits (and its order is the answer) or rolls back (and the key is ours).
        int claimed = jdbc.sql("""
                insert into checkout_request (customer_id, idempotency_key, order_id, request_fingerprint, received_at)
                values (:customer, :key, :order, :fingerprint, :at) on conflict do nothing""")
                .param("customer", customer.value())
                .param("key", idempotencyKey)
                .param("order", order.value())
                .param("fingerprint", fingerprint)
                .param("at", Timestamp.from(at))
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return Optional.of(find(customer, idempotencyKey).orElseThrow());
    }

    @Override
    public Optional<FirstRequest> find(CustomerId customer, String idempotencyKey) {
        return jdbc.sql("select order_id, request_fingerprint from checkout_request where customer_id = :customer and idempotency_key = :key")
                .param("customer", customer.value())
                .param("key", idempotencyKey)
                .query((rs, row) -> new FirstRequest(new OrderId(rs.getObject(1, UUID.class)), rs.getString(2)))
                .optional();
    }

    @Override
    public int forgetClaimedBefore(Instant cutoff) {
        return jdbc.sql("delete from checkout_request where received_at < :cutoff").param("cutoff", Timestamp.from(cutoff)).update();
    }
}
