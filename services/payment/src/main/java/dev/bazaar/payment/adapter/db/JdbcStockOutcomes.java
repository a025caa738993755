package dev.bazaar.payment.adapter.db;

import java.util.Optional;
import java.util.UUID;

import dev.bazaar.payment.charge.StockOutcome;
import dev.bazaar.payment.charge.StockOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStockOutcomes implements StockOutcomes {

    private final JdbcClient jdbc;

    JdbcStockOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(UUID orderId, StockOutcome outcome) {
        return jdbc.sql("insert into stock_outcome (order_id, outcome) values (:orderId, :outcome) on conflict (order_id) do nothing")
                .param("orderId", orderId).param("outcome", outcome.name()).update() == 1;
    }

    @Override
    public Optional<StockOutcome> find(UUID orderId) {
        return jdbc.sql("select outcome from stock_outcome where order_id = :orderId").param("orderId", orderId)
                .query((rs, row) -> StockOutcome.valueOf(rs.getString(1))).optional();
    }
}
