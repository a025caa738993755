-- The trace context each event of an order was appended in (as an event store keeps an event's correlation): the
-- placement's is the one an overdue order's cancellation continues (OverdueOrders).
alter table order_event
    add column traceparent text,
    add column baggage     text;
