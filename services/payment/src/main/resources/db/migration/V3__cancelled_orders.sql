-- Orders cancelled before their placement arrived here (it was dead-lettered, say): a placement redriven or
-- replayed after the cancellation opens a payment that is voided at once, never charged.
create table cancelled_order (
    order_id      uuid        primary key,
    reason        text        not null,
    cancelled_at  timestamptz not null default now()
);
