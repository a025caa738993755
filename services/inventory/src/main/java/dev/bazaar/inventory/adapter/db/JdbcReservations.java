package dev.bazaar.inventory.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.ReservationStatus;
import dev.bazaar.inventory.reservation.Reservations;
import dev.bazaar.inventory.reservation.application.ExpiredReservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReservations implements Reservations, ExpiredReservations {

    private final JdbcClient jdbc;
    private final Traces traces;

    JdbcReservations(JdbcClient jdbc, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    @Override
    public void close(OrderId orderId, String why) {
        jdbc.sql("insert into closed_order (order_id, reason) values (:orderId, :reason) on conflict (order_id) do nothing")
                .param("orderId", orderId.value())
                .param("reason", why)
                .update();
    }

    @Override
    public Optional<String> knownAlready(OrderId orderId) {
        return jdbc.sql("""
                select 'it has a reservation' from reservation where order_id = :orderId
                union all select 'it was closed: ' || reason from closed_order where order_id = :orderId
                limit 1""")
                .param("orderId", orderId.value())
                .query(String.class).optional();
    }

    @Override
    public Optional<Reservation> find(OrderId orderId) {
        return load(orderId, "");
    }

    @Override
    public Optional<Reservation> findForUpdate(OrderId orderId) {
        return load(orderId, " for update of r");
    }

    @Override
    public List<Traced<Reservation>> lockExpired(Instant now, int limit) {
        Map<UUID, TraceContext> contexts = new HashMap<>();
        // The status is checked again once a row is locked (READ COMMITTED re-reads a locked row), so a
        // reservation committed or released meanwhile is not returned.
        List<Reservation> expired = withLines(jdbc.sql("""
                select order_id, customer_id, status, expires_at, traceparent, baggage from reservation
                where status = 'HELD' and expires_at <= :now
                order by expires_at
                limit :limit
                for update skip locked""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> {
                    Header header = header(rs, row);
                    contexts.put(header.orderId().value(), TraceContext.of(rs));
                    return header;
                })
                .list());
        return expired.stream().map(reservation -> new Traced<>(reservation, contexts.get(reservation.orderId().value()))).toList();
    }

    @Override
    public Optional<Instant> nextExpiry() {
        return jdbc.sql("select expires_at from reservation where status = 'HELD' order by expires_at limit 1")
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    @Override
    public List<Reservation> list(Optional<ReservationStatus> status, OrderId after, OrderId through, long offset, int limit) {
        // Only the conditions given are written, so that the plan scans just that range of the primary key's index.
        String sql = "select order_id, customer_id, status, expires_at from reservation where true"
                + (status.isEmpty() ? "" : " and status = :status")
                + (after == null ? "" : " and order_id > :after")
                + (through == null ? "" : " and order_id <= :through")
                + " order by order_id offset :offset limit :limit";
        return withLines(jdbc.sql(sql)
                .param("status", status.map(Enum::name).orElse(null))
                .param("after", after == null ? null : after.value())
                .param("through", through == null ? null : through.value())
                .param("offset", offset)
                .param("limit", limit)
                .query(this::header)
                .list());
    }

    @Override
    public long count(Optional<ReservationStatus> status) {
        return jdbc.sql("select count(*) from reservation where (cast(:status as text) is null or status = :status)")
                .param("status", status.map(Enum::name).orElse(null))
                .query(Long.class)
                .single();
    }

    @Override
    public void add(Reservation reservation) {
        TraceContext trace = traces.current();
        jdbc.sql("""
                insert into reservation (order_id, customer_id, status, expires_at, traceparent, baggage)
                values (:orderId, :customerId, :status, :expiresAt, :traceparent, :baggage)""")
                .param("orderId", reservation.orderId().value())
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .param("customerId", reservation.customerId())
                .param("status", reservation.status().name())
                .param("expiresAt", Timestamp.from(reservation.expiresAt()))
                .update();
        List<ReservationLine> lines = reservation.lines();
        for (int position = 0; position < lines.size(); position++) {
            jdbc.sql("insert into reservation_line (order_id, position, sku, quantity) values (:orderId, :position, :sku, :quantity)")
                    .param("orderId", reservation.orderId().value())
                    .param("position", position)
                    .param("sku", lines.get(position).sku().value())
                    .param("quantity", lines.get(position).quantity())
                    .update();
        }
    }

    @Override
    public void update(Reservation reservation) {
        jdbc.sql("update reservation set status = :status where order_id = :orderId")
                .param("orderId", reservation.orderId().value())
                .param("status", reservation.status().name())
                .update();
    }

    /** The reservation and its lines in one statement: a statement is most of what a small event costs here. */
    private Optional<Reservation> load(OrderId orderId, String lock) {
        List<Header> found = new ArrayList<>(1);
        List<ReservationLine> lines = new ArrayList<>();
        jdbc.sql("""
                select r.order_id, r.customer_id, r.status, r.expires_at, l.sku, l.quantity
                from reservation r left join reservation_line l on l.order_id = r.order_id
                where r.order_id = ? order by l.position""" + lock)
                .param(orderId.value())
                .query(rs -> {
                    if (found.isEmpty()) {
                        found.add(header(rs, 0));
                    }
                    if (rs.getString("sku") != null) {
                        lines.add(new ReservationLine(new Sku(rs.getString("sku")), rs.getInt("quantity")));
                    }
                });
        return found.stream().findFirst().map(header -> header.with(lines));
    }

    private record Header(OrderId orderId, UUID customerId, ReservationStatus status, Instant expiresAt) {
        Reservation with(List<ReservationLine> lines) {
            return new Reservation(orderId, customerId, lines, status, expiresAt);
        }
    }

    private Header header(ResultSet rs, int row) throws SQLException {
        return new Header(new OrderId(rs.getObject("order_id", UUID.class)), rs.getObject("customer_id", UUID.class),
                ReservationStatus.valueOf(rs.getString("status")), rs.getTimestamp("expires_at").toInstant());
    }

    /** The lines of several reservations in one query rather than one each. */
    private List<Reservation> withLines(List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReservationLine>> lines = lines(headers.stream().map(header -> header.orderId().value()).toList());
        return headers.stream().map(header -> header.with(lines.get(header.orderId().value()))).toList();
    }

    private Map<UUID, List<ReservationLine>> lines(List<UUID> orderIds) {
        Map<UUID, List<ReservationLine>> lines = new LinkedHashMap<>();
        jdbc.sql("select order_id, sku, quantity from reservation_line where order_id in (:orderIds) order by order_id, position")
                .param("orderIds", orderIds)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(new ReservationLine(new Sku(rs.getString("sku")), rs.getInt("quantity")));
                });
        return lines;
    }
}
