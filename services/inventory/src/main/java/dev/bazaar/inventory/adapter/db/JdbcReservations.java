package dev.bazaar.inventory.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.ReservationStatus;
import dev.bazaar.inventory.reservation.Reservations;
import dev.bazaar.inventory.stock.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReservations implements Reservations {

    private final JdbcClient jdbc;

    JdbcReservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reservation> find(OrderId orderId) {
        return load(orderId, "");
    }

    @Override
    public Optional<Reservation> findForUpdate(OrderId orderId) {
        return load(orderId, " for update");
    }

    @Override
    public void add(Reservation reservation) {
        jdbc.sql("insert into reservation (order_id, status, expires_at) values (:orderId, :status, :expiresAt)")
                .param("orderId", reservation.orderId().value())
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

    private Optional<Reservation> load(OrderId orderId, String lock) {
        return jdbc.sql("select status, expires_at from reservation where order_id = ?" + lock)
                .param(orderId.value())
                .query((rs, row) -> new Header(ReservationStatus.valueOf(rs.getString("status")), rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .map(header -> new Reservation(orderId, lines(orderId), header.status(), header.expiresAt()));
    }

    private record Header(ReservationStatus status, Instant expiresAt) {
    }

    private List<ReservationLine> lines(OrderId orderId) {
        return jdbc.sql("select sku, quantity from reservation_line where order_id = ? order by position")
                .param(orderId.value())
                .query((rs, row) -> new ReservationLine(new Sku(rs.getString("sku")), rs.getInt("quantity")))
                .list();
    }
}
