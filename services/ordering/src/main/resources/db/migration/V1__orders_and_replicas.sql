-- The order event store: one append-only stream per order. The primary key is the optimistic lock:
-- of two writers that both expect version n, only one can insert version n + 1.
create table order_event (
    order_id     uuid        not null,
    version      integer     not null check (version > 0),
    type         text        not null,
    payload      jsonb       not null,
    occurred_at  timestamptz not null,
    primary key (order_id, version)
);

-- Idempotency-Keys of checkouts, so a retried POST returns the order the first one placed.
create table checkout_request (
    idempotency_key  text        primary key,
    order_id         uuid        not null,
    received_at      timestamptz not null default now()
);

-- Replicas of other contexts, built from their events.
create table catalog_price (
    sku       text          primary key,
    name      text          not null,
    amount    numeric(12,2) not null check (amount > 0),
    currency  char(3)       not null
);

create table known_customer (
    customer_id    uuid        primary key,
    registered_at  timestamptz not null
);

create table payment_key (
    key_id      text        primary key,
    public_key  text        not null,
    issued_at   timestamptz not null
);
