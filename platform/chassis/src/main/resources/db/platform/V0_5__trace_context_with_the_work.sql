-- A context for work done later is stored with that work, in the row the step that makes it due writes anyway (the
-- payment, the shipment, the reservation, the order's events): one statement an order fewer in each service, and
-- nothing to purge.
drop table trace_context;
