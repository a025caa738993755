-- The trace context of the change that last made a call to the processor due (a reservation, a cancellation, a failed
-- attempt), so that the worker's call is a span of the order's trace: written with the payment, read with its claim.
alter table payment
    add column traceparent text,
    add column baggage     text;
