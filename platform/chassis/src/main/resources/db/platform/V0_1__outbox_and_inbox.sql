-- The transactional outbox: written in the same transaction as the state change it announces,
-- published by OutboxRelay, deleted once Kafka has acknowledged it.
create table outbox (
    position     bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    occurred_at  timestamptz not null,
    payload      text        not null, -- the JSON exactly as published (jsonb would reorder keys)
    traceparent  text
);

-- The inbox: ids of events already applied, recorded in the same transaction as their effects,
-- so a redelivered event is recognised and skipped.
create table inbox (
    event_id     text        primary key,
    event_type   text        not null,
    source       text        not null,
    received_at  timestamptz not null default now()
);
