package dev.bazaar.ordering.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.OrderSummary;
import dev.bazaar.ordering.order.application.CustomerOrders;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCustomerOrders implements CustomerOrders {

    /** What the deadline's sweep looks through; an order being cancelled has no deadline, only fulfillment's answer to wait for. */
    private static final List<String> UNFINISHED = List.of(OrderStatus.PENDING.name(), OrderStatus.CONFIRMED.name(),
            OrderStatus.SHIPPED.name());

    private final JdbcClient jdbc;

    JdbcCustomerOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(OrderSummary summary) {
        // The version guard lets a rebuild and live changes race safely: whichever writes last, the
        // row ends as the newest version of its order, never as an older one written late.
        jdbc.sql("""
                insert into customer_order (order_id, customer_id, status, total_amount, currency, placed_at, updated_at, version)
                values (:order, :customer, :status, :amount, :currency, :placedAt, :updatedAt, :version)
                on conflict (order_id) do update set
                    customer_id = excluded.customer_id, status = excluded.status, total_amount = excluded.total_amount,
                    currency = excluded.currency, placed_at = excluded.placed_at, updated_at = excluded.updated_at,
                    version = excluded.version
                where customer_order.version < excluded.version""")
                .param("order", summary.orderId().value())
                .param("customer", summary.customerId().value())
                .param("status", summary.status().name())
                .param("amount", summary.total().amount())
                .param("currency", summary.total().currency())
                .param("placedAt", Timestamp.from(summary.placedAt()))
                .param("updatedAt", Timestamp.from(summary.updatedAt()))
                .param("version", summary.version())
                .update();
    }

    @Override
    public Page<OrderSummary> of(CustomerId customer, PageRequest request) {
        List<OrderSummary> items = jdbc.sql("""
                select order_id, customer_id, status, total_amount, currency, placed_at, updated_at, version
                from customer_order where customer_id = :customer
                order by placed_at desc, order_id desc offset :offset limit :limit""")
                .param("customer", customer.value())
                .param("offset", request.offset())
                .param("limit", request.size())
                .query(JdbcCustomerOrders::summary)
                .list();
        long total = jdbc.sql("select count(*) from customer_order where customer_id = :customer")
                .param("customer", customer.value()).query(Long.class).single();
        return Page.of(items, request, total);
    }

    @Override
    public void clearForRebuild() {
        // Two rebuilds at once would each be correct, but would make each other's writers wait twice.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('ordering.customer_order.rebuild'))").query(row -> { });
        jdbc.sql("delete from customer_order").update();
    }

    @Override
    public List<Traced<OrderId>> unfinishedPlacedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                select o.order_id, placed.traceparent, placed.baggage
                from customer_order o left join order_event placed on placed.order_id = o.order_id and placed.version = 1
                where o.status in (:unfinished) and o.placed_at <= :cutoff
                order by o.placed_at, o.order_id limit :limit""")
                .param("unfinished", UNFINISHED)
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", limit)
                .query((rs, row) -> new Traced<>(new OrderId(rs.getObject(1, UUID.class)), TraceContext.of(rs)))
                .list();
    }

    @Override
    public Page<OrderSummary> unfinishedUnchangedSince(Instant cutoff, PageRequest request) {
        // Both from the partial index customer_order_unfinished_by_change (V11), whose predicate is written out here as
        // it is there, so that every plan can use it: unfinished orders stay few.
        List<OrderSummary> items = jdbc.sql("""
                select order_id, customer_id, status, total_amount, currency, placed_at, updated_at, version
                from customer_order where status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLING') and updated_at <= :cutoff
                order by updated_at, order_id offset :offset limit :limit""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("offset", request.offset())
                .param("limit", request.size())
                .query(JdbcCustomerOrders::summary)
                .list();
        long total = jdbc.sql("""
                select count(*) from customer_order
                where status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLING') and updated_at <= :cutoff""")
                .param("cutoff", Timestamp.from(cutoff))
                .query(Long.class).single();
        return Page.of(items, request, total);
    }

    private static OrderSummary summary(ResultSet rs, int row) throws SQLException {
        return new OrderSummary(new OrderId(rs.getObject(1, UUID.class)), new CustomerId(rs.getObject(2, UUID.class)),
                OrderStatus.valueOf(rs.getString(3)), new Money(rs.getBigDecimal(4), rs.getString(5)),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getInt(8));
    }
}
