package dev.bazaar.fulfillment.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.Shipment;
import dev.bazaar.fulfillment.shipment.ShipmentStatus;
import dev.bazaar.fulfillment.shipment.Shipments;
import dev.bazaar.fulfillment.shipment.application.DueShipments;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traced;
import dev.bazaar.platform.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcShipments implements Shipments, DueShipments {

    private final JdbcClient jdbc;
    private final Traces traces;

    JdbcShipments(JdbcClient jdbc, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    @Override
    public Optional<Shipment> findByOrder(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId").param("orderId", orderId)
                .query(this::shipment).optional();
    }

    @Override
    public void lockOrder(UUID orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "fulfillment.order:" + orderId)
                .query((rs, row) -> 1).list();
    }

    @Override
    public Optional<Shipment> lockByOrder(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId for update").param("orderId", orderId)
                .query(this::shipment).optional();
    }

    @Override
    public boolean recordCancellation(UUID orderId, String reason) {
        return jdbc.sql("insert into cancelled_order (order_id, reason) values (:orderId, :reason) on conflict (order_id) do nothing")
                .param("orderId", orderId)
                .param("reason", reason == null ? "" : reason)
                .update() == 1;
    }

    @Override
    public Optional<String> knownAlready(UUID orderId) {
        return jdbc.sql("""
                select 'it has a shipment' from shipment where order_id = :orderId
                union all select 'it was cancelled first: ' || reason from cancelled_order where order_id = :orderId
                limit 1""")
                .param("orderId", orderId)
                .query(String.class).optional();
    }

    @Override
    public List<Shipment> waitingForAddressOf(UUID customerId) {
        return jdbc.sql("""
                select * from shipment where customer_id = :customerId and status = 'WAITING_FOR_ADDRESS'
                order by created_at for update""")
                .param("customerId", customerId)
                .query(this::shipment).list();
    }

    @Override
    public List<Traced<Shipment>> lockDueForCarrier(Instant now, int limit) {
        return jdbc.sql("""
                select * from shipment
                where status in ('SCHEDULED', 'SHIPPED') and next_step_at <= :now
                order by next_step_at
                limit :limit
                for update skip locked""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new Traced<>(shipment(rs, row), TraceContext.of(rs)))
                .list();
    }

    @Override
    public Optional<Instant> nextDue() {
        return jdbc.sql("select next_step_at from shipment where status in ('SCHEDULED', 'SHIPPED') order by next_step_at limit 1")
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    @Override
    public List<Shipment> list(Optional<ShipmentStatus> status, long offset, int limit) {
        return jdbc.sql("""
                select * from shipment
                where (cast(:status as text) is null or status = :status)
                order by created_at, shipment_id
                offset :offset limit :limit""")
                .param("status", status.map(Enum::name).orElse(null))
                .param("offset", offset)
                .param("limit", limit)
                .query(this::shipment).list();
    }

    @Override
    public long count(Optional<ShipmentStatus> status) {
        return jdbc.sql("select count(*) from shipment where (cast(:status as text) is null or status = :status)")
                .param("status", status.map(Enum::name).orElse(null))
                .query(Long.class).single();
    }

    @Override
    public void add(Shipment shipment) {
        TraceContext trace = traces.current();
        jdbc.sql("""
                insert into shipment (shipment_id, order_id, customer_id, status, line1, city, postal_code, country,
                                      delivery_instructions, tracking_number, reason, next_step_at, traceparent, baggage)
                values (:id, :orderId, :customerId, :status, :line1, :city, :postalCode, :country,
                        :deliveryInstructions, :trackingNumber, :reason, :nextStepAt, :traceparent, :baggage)""")
                .param("id", shipment.id())
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .param("orderId", shipment.orderId())
                .param("customerId", shipment.customerId())
                .params(state(shipment))
                .update();
    }

    @Override
    public void update(Shipment shipment) {
        jdbc.sql("""
                update shipment set status = :status, line1 = :line1, city = :city, postal_code = :postalCode,
                                    country = :country, delivery_instructions = :deliveryInstructions,
                                    tracking_number = :trackingNumber, reason = :reason,
                                    next_step_at = :nextStepAt, updated_at = now()
                where shipment_id = :id""")
                .param("id", shipment.id())
                .params(state(shipment))
                .update();
    }

    private static Map<String, Object> state(Shipment shipment) {
        Address address = shipment.address();
        Map<String, Object> state = new HashMap<>();
        state.put("status", shipment.status().name());
        state.put("line1", address == null ? null : address.line1());
        state.put("city", address == null ? null : address.city());
        state.put("postalCode", address == null ? null : address.postalCode());
        state.put("country", address == null ? null : address.country());
        state.put("deliveryInstructions", shipment.deliveryInstructions());
        state.put("trackingNumber", shipment.trackingNumber());
        state.put("reason", shipment.reason());
        state.put("nextStepAt", shipment.nextStepAt() == null ? null : Timestamp.from(shipment.nextStepAt()));
        return state;
    }

    private Shipment shipment(ResultSet rs, int row) throws SQLException {
        String country = rs.getString("country");
        Address address = country == null ? null
                : new Address(rs.getString("line1"), rs.getString("city"), rs.getString("postal_code"), country);
        Timestamp nextStepAt = rs.getTimestamp("next_step_at");
        return Shipment.restore(rs.getObject("shipment_id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getObject("customer_id", UUID.class), ShipmentStatus.valueOf(rs.getString("status")), address,
                rs.getString("delivery_instructions"), rs.getString("tracking_number"), rs.getString("reason"),
                nextStepAt == null ? null : nextStepAt.toInstant());
    }
}
