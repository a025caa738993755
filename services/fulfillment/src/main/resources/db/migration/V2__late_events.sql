-- The customer's version each address comes from: a late or redriven address older than it is not applied.
alter table customer_address add column version bigint not null default 0;

-- Orders cancelled before they had a shipment: a confirmation arriving after the cancellation ships nothing.
create table cancelled_order (
    order_id      uuid        primary key,
    reason        text        not null,
    cancelled_at  timestamptz not null default now()
);
