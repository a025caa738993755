package dev.bazaar.ordering.adapter.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.ordering.order.CardReference;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.OrderStream;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.platform.tracing.TraceContext;
import dev.bazaar.platform.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event store on PostgreSQL. Payloads are this service's own JSON, not the published language:
 * they keep what the order needs to be rebuilt (the line names, for instance) and leave out what it
 * must not keep (the encrypted card).
 */
@Repository
class JdbcOrderStream implements OrderStream {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Traces traces;

    JdbcOrderStream(JdbcClient jdbc, JsonMapper json, Traces traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
    }

    @Override
    public List<OrderEvent> load(OrderId id) {
        return jdbc.sql("select type, payload::text, occurred_at from order_event where order_id = :id order by version")
                .param("id", id.value())
                .query((rs, row) -> event(id, rs.getString(1), rs.getString(2), instant(rs, 3)))
                .list();
    }

    @Override
    public Map<OrderId, List<OrderEvent>> loadAll(Collection<OrderId> ids) {
        Map<OrderId, List<OrderEvent>> streams = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return streams;
        }
        ids.forEach(id -> streams.put(id, new ArrayList<>()));
        jdbc.sql("""
                select order_id, type, payload::text, occurred_at from order_event
                where order_id in (:ids) order by order_id, version""")
                .param("ids", ids.stream().map(OrderId::value).toList())
                .query(rs -> {
                    OrderId id = new OrderId(rs.getObject(1, UUID.class));
                    streams.get(id).add(event(id, rs.getString(2), rs.getString(3), instant(rs, 4)));
                });
        streams.values().removeIf(List::isEmpty);
        return streams;
    }

    @Override
    public List<OrderId> ids(OrderId after, OrderId through, long offset, int limit) {
        // Version 1 is every order's first event: one row per order, straight from the primary key's index. Only the
        // bounds given are written, so that the plan scans just that range of the index.
        String sql = "select order_id from order_event where version = 1"
                + (after == null ? "" : " and order_id > :after")
                + (through == null ? "" : " and order_id <= :through")
                + " order by order_id offset :offset limit :limit";
        return jdbc.sql(sql)
                .param("after", after == null ? null : after.value())
                .param("through", through == null ? null : through.value())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, row) -> new OrderId(rs.getObject(1, UUID.class)))
                .list();
    }

    @Override
    public long countOrders() {
        return jdbc.sql("select count(*) from order_event where version = 1").query(Long.class).single();
    }

    @Override
    public List<RecordedEvent> recorded(OrderId id) {
        return jdbc.sql("select version, type, occurred_at, payload::text from order_event where order_id = :id order by version")
                .param("id", id.value())
                .query((rs, row) -> new RecordedEvent(rs.getInt(1), rs.getString(2), instant(rs, 3), rs.getString(4)))
                .list();
    }

    @Override
    public List<CancelledAfterConfirmation> cancelledAfterConfirmation(Instant since, int limit) {
        // The recent cancellations from their partial index (V7); for each, its confirmation and its OrderPlaced (customer,
        // total) by the primary key. A confirmation can only follow OrderPlaced, so it is version 2 when there is one.
        return jdbc.sql("""
                select c.order_id, placed.payload ->> 'customerId', cast(placed.payload -> 'total' ->> 'amount' as numeric(12,2)),
                       placed.payload -> 'total' ->> 'currency', c.occurred_at, c.payload ->> 'reason'
                from order_event c
                join order_event placed on placed.order_id = c.order_id and placed.version = 1
                where c.type = 'OrderCancelled' and c.occurred_at >= :since
                  and exists (select 1 from order_event confirmed
                              where confirmed.order_id = c.order_id and confirmed.version = 2 and confirmed.type = 'OrderConfirmed')
                order by c.occurred_at desc, c.order_id desc
                limit :limit""")
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, row) -> new CancelledAfterConfirmation(new OrderId(rs.getObject(1, UUID.class)), CustomerId.of(rs.getString(2)),
                        new Money(rs.getBigDecimal(3), rs.getString(4)), instant(rs, 5), rs.getString(6)))
                .list();
    }

    @Override
    public void append(OrderId id, int expectedVersion, OrderEvent event) {
        int version = expectedVersion + 1;
        // The event keeps the context it was appended in: an overdue order's cancellation continues its placement's.
        TraceContext trace = traces.current();
        // The guard catches a writer that decided on a stale stream; the primary key, one racing with it: that insert
        // waits for the other to commit, then inserts nothing. Neither is an error, so the caller's transaction stays
        // usable and a change can be decided again within it (OrderChanges) without a savepoint.
        int inserted = jdbc.sql("""
                insert into order_event (order_id, version, type, payload, occurred_at, traceparent, baggage)
                select :id, :version, :type, cast(:payload as jsonb), :at, :traceparent, :baggage
                where (select count(*) from order_event where order_id = :id) = :version - 1
                on conflict (order_id, version) do nothing""")
                .param("id", id.value())
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .param("version", version)
                .param("type", event.type())
                .param("payload", json.writeValueAsString(payload(event)))
                .param("at", Timestamp.from(event.at()))
                .update();
        if (inserted != 1) {
            throw new ConcurrentOrderUpdate(id, expectedVersion);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }


    /** What each kind of event stores besides its type and time; every kind says so, or this does not compile. */
    private static Object payload(OrderEvent event) {
        return event.match(new OrderEvent.Cases<>() {
            @Override
            public Object placed(OrderEvent.Placed placed) {
                return new StoredPlaced(placed.customerId().toString(),
                        placed.lines().stream().map(StoredLine::of).toList(), StoredMoney.of(placed.total()),
                        new StoredCard(placed.card().last4(), placed.card().keyId()));
            }

            @Override
            public Object confirmed(OrderEvent.Confirmed confirmed) {
                return Map.of();
            }

            @Override
            public Object rejected(OrderEvent.Rejected rejected) {
                return new StoredReason(rejected.reason());
            }

            @Override
            public Object cancellationRequested(OrderEvent.CancellationRequested requested) {
                return new StoredReason(requested.reason());
            }

            @Override
            public Object cancelled(OrderEvent.Cancelled cancelled) {
                return new StoredReason(cancelled.reason());
            }

            @Override
            public Object shipped(OrderEvent.Shipped shipped) {
                return Map.of();
            }

            @Override
            public Object delivered(OrderEvent.Delivered delivered) {
                return Map.of();
            }
        });
    }

    private OrderEvent event(OrderId id, String type, String payload, Instant at) {
        switch (type) {
            case "OrderPlaced":
                StoredPlaced placed = json.readValue(payload, StoredPlaced.class);
                return new OrderEvent.Placed(id, CustomerId.of(placed.customerId()),
                        placed.lines().stream().map(StoredLine::toLine).toList(), placed.total().toMoney(),
                        new CardReference(placed.payment().cardLast4(), placed.payment().keyId()), at);
            case "OrderConfirmed":
                return new OrderEvent.Confirmed(id, at);
            case "OrderRejected":
                return new OrderEvent.Rejected(id, json.readValue(payload, StoredReason.class).reason(), at);
            case "OrderCancellationRequested":
                return new OrderEvent.CancellationRequested(id, json.readValue(payload, StoredReason.class).reason(), at);
            case "OrderCancelled":
                return new OrderEvent.Cancelled(id, json.readValue(payload, StoredReason.class).reason(), at);
            case "OrderShipped":
                return new OrderEvent.Shipped(id, at);
            case "OrderDelivered":
                return new OrderEvent.Delivered(id, at);
            default:
                throw new IllegalStateException("Order " + id + " has an event of unknown type " + type);
        }
    }

    record StoredMoney(BigDecimal amount, String currency) {
        static StoredMoney of(Money money) {
            return new StoredMoney(money.amount(), money.currency());
        }

        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    record StoredLine(String sku, String name, int quantity, StoredMoney unitPrice) {
        static StoredLine of(OrderLine line) {
            return new StoredLine(line.sku().value(), line.name(), line.quantity(), StoredMoney.of(line.unitPrice()));
        }

        OrderLine toLine() {
            return new OrderLine(new Sku(sku), name, quantity, unitPrice.toMoney());
        }
    }

    record StoredCard(String cardLast4, String keyId) {
    }

    record StoredPlaced(String customerId, List<StoredLine> lines, StoredMoney total, StoredCard payment) {
    }

    record StoredReason(String reason) {
    }
}
