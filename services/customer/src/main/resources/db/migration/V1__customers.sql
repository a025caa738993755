create table customer (
    id               uuid        primary key,
    email            text        not null,
    name             text        not null,
    line1            text        not null,
    city             text        not null,
    postal_code      text        not null,
    country          char(2)     not null,
    -- The Idempotency-Key of the POST that registered the customer, so that a retried POST returns the first result.
    idempotency_key  text        unique,
    registered_at    timestamptz not null default now()
);
-- One account per address, however its letters are cased.
create unique index customer_email on customer (lower(email));
