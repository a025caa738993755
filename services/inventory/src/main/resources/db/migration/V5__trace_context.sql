-- The trace context of the order's placement, which made the reservation: should it expire, its release is a span of
-- that trace. Written with the reservation, read by the sweep.
alter table reservation
    add column traceparent text,
    add column baggage     text;
