-- Messages this service gave up on, read back from its own dead-letter topic so that an operator
-- can list them and redrive or discard each one (/admin/dead-letters). A row keeps what a redrive
-- needs: the original topic, key, value and CloudEvents headers.
create table dead_letter (
    id          bigint      generated always as identity primary key,
    topic       text        not null, -- the topic the message was consumed from, not the dead-letter topic
    partition   int         not null,
    "offset"    bigint      not null, -- quoted: OFFSET is reserved in SQL
    key         text,
    value       text,                 -- exactly as consumed, so that a redrive republishes the same bytes
    headers     jsonb       not null, -- the original ce_*, content-type and traceparent headers
    event_id    text,                 -- ce_id, when the message had one
    event_type  text,
    error       text,
    dead_at     timestamptz not null,
    status      text        not null default 'NEW' check (status in ('NEW', 'REDRIVEN', 'DISCARDED')),
    -- A re-read of the dead-letter topic (a redelivery, a reset consumer group) stores nothing twice.
    unique (topic, partition, "offset")
);

create index dead_letter_by_status on dead_letter (status, id);
