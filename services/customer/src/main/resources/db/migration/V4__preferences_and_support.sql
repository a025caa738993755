-- A customer's own choices. Marketing needs consent, so none until given; delivery instructions are plain text for the
-- carrier, empty when there are none (fulfillment learns them from CustomerPreferencesChanged).
alter table customer
    add column marketing_consent     boolean not null default false,
    add column delivery_instructions text    not null default '' check (length(delivery_instructions) <= 300);

-- A shopper's request for help about an order. order_id is the shopper's claim: customer keeps no orders and asks
-- ordering nothing, so it is not a reference to anything here.
create table support_request (
    id               uuid        primary key,
    customer_id      uuid        not null references customer (id),
    order_id         uuid        not null,
    subject          text        not null check (length(subject) between 1 and 120),
    status           text        not null check (status in ('OPEN', 'ANSWERED', 'CLOSED')),
    closed_by        text        check (closed_by in ('SHOPPER', 'STAFF')),
    -- The Idempotency-Key the shopper opened it with, so that a retried POST answers this request.
    idempotency_key  text,
    opened_at        timestamptz not null,
    updated_at       timestamptz not null,
    unique (customer_id, idempotency_key)
);
create index support_request_of_customer on support_request (customer_id, updated_at desc);
create index support_request_by_status on support_request (status, updated_at);

-- A request's history, in the order written (seq from 0).
create table support_message (
    request_id  uuid        not null references support_request (id),
    seq         int         not null check (seq >= 0),
    author      text        not null check (author in ('SHOPPER', 'STAFF')),
    text        text        not null check (length(text) between 1 and 2000),
    written_at  timestamptz not null,
    primary key (request_id, seq)
);
