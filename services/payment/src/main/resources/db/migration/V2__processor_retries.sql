-- Calls to the card processor are made by a worker, outside any transaction, and retried with a
-- growing delay while the processor is slow or down. A payment owes the processor a call while
-- next_attempt_at is set; a worker leases it (lease_token, lease_until) for the length of one call.
alter table payment
    add column attempts         integer     not null default 0 check (attempts >= 0),
    add column next_attempt_at  timestamptz,
    add column last_error       text,
    add column charge_in_doubt  boolean     not null default false,
    add column lease_token      uuid,
    add column lease_until      timestamptz;

alter table payment add constraint payment_status_known
    check (status in ('PENDING', 'CAPTURED', 'DECLINED', 'VOIDING', 'VOIDED', 'REFUNDING', 'REFUNDED'));

create index payment_due on payment (next_attempt_at) where next_attempt_at is not null;
create index payment_opened on payment (created_at, payment_id);

-- The two tables below are NOT payment's: they stand for the external card processor's own
-- ledger, kept here only because the processor is simulated. Payment never reads them except
-- through the CardProcessor port. processor_request is the processor's memory of idempotency keys
-- (one answer per operation and key); processor_movement is every movement of money it made, so
-- that "captured exactly once" can be checked by counting, not assumed.
create table processor_request (
    operation        text          not null check (operation in ('CHARGE', 'VOID', 'REFUND')),
    idempotency_key  text          not null,
    amount           numeric(12,2) not null,
    currency         char(3)       not null,
    approved         boolean       not null,
    decline_reason   text,
    received_at      timestamptz   not null default now(),
    primary key (operation, idempotency_key)
);

create table processor_movement (
    movement_id      bigserial     primary key,
    idempotency_key  text          not null,
    kind             text          not null check (kind in ('CAPTURE', 'REFUND')),
    amount           numeric(12,2) not null,
    currency         char(3)       not null,
    moved_at         timestamptz   not null default now()
);

create index processor_movement_key on processor_movement (idempotency_key);
