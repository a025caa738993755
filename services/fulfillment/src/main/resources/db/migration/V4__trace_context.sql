-- The trace context of the order's confirmation, which made the shipment: the carrier's pick-up and delivery are spans
-- of that trace. Written with the shipment, read with the carrier's round.
alter table shipment
    add column traceparent text,
    add column baggage     text;
