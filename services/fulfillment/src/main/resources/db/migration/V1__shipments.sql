-- Fulfillment's replica of customers' shipping addresses, from customer.events.
create table customer_address (
    customer_id  uuid        primary key,
    line1        text        not null,
    city         text        not null,
    postal_code  text        not null,
    country      char(2)     not null,
    updated_at   timestamptz not null default now()
);

-- One shipment per confirmed order. next_step_at is when the carrier's next step (pick-up or
-- delivery) is due; null while waiting for an address and once the shipment has ended.
create table shipment (
    shipment_id      uuid        primary key,
    order_id         uuid        not null unique,
    customer_id      uuid        not null,
    status           text        not null,
    line1            text,
    city             text,
    postal_code      text,
    country          char(2),
    tracking_number  text,
    reason           text,
    next_step_at     timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index shipment_carrier_due on shipment (next_step_at) where status in ('SCHEDULED', 'SHIPPED');
create index shipment_waiting on shipment (customer_id) where status = 'WAITING_FOR_ADDRESS';
