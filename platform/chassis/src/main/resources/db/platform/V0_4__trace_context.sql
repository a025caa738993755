-- The W3C baggage (it carries the order's id) travels with an event beside its traceparent.
alter table outbox add column baggage text;

-- Trace contexts kept for work done later by a loop (a charge, a pick-up), so that it joins the trace of the order
-- it is for. Kept as long as the inbox (InboxRetention deletes both).
create table trace_context (
    subject       text        primary key,
    traceparent   text        not null,
    baggage       text,
    remembered_at timestamptz not null
);
create index trace_context_remembered_at on trace_context (remembered_at);
