package dev.bazaar.ordering.adapter.db;

import java.util.Optional;
import java.util.UUID;

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
    public Optional<OrderId> claim(String idempotencyKey, OrderId order) {
        // A concurrent request with the same key makes this insert wait for its transaction: it either
        // commits (and its order is the answer) or rolls back (and the key is ours).
        int claimed = jdbc.sql("insert into checkout_request (idempotency_key, order_id) values (:key, :order) on conflict do nothing")
                .param("key", idempotencyKey)
                .param("order", order.value())
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return Optional.of(new OrderId(jdbc.sql("select order_id from checkout_request where idempotency_key = :key")
                .param("key", idempotencyKey).query(UUID.class).single()));
    }
}
