-- Who may sign in. A shopper's id is also their customer id and the subject of their tokens.
create table account (
    id            uuid        primary key,
    email         text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('SHOPPER', 'STAFF')),
    created_at    timestamptz not null default now()
);
create unique index account_email on account (lower(email));

-- Mail waiting for whatever sends it (an SMTP relay in a real deployment).
create table mail (
    id         bigserial   primary key,
    recipient  text        not null,
    subject    text        not null,
    body       text        not null,
    created_at timestamptz not null default now()
);

-- The keys tokens are signed with, as JWKs; the newest signs, all are published until retired.
create table signing_key (
    kid        text        primary key,
    jwk        text        not null,
    created_at timestamptz not null default now(),
    retired_at timestamptz
);
