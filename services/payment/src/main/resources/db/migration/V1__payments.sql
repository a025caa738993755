-- One payment per order. The encrypted card is kept only while the payment is pending; once the
-- charge is decided only its last four digits remain.
create table payment (
    payment_id      uuid          primary key,
    order_id        uuid          not null unique,
    amount          numeric(12,2) not null check (amount > 0),
    currency        char(3)       not null,
    card_last4      char(4)       not null,
    card_key_id     text,
    encrypted_card  text,
    stock_reserved  boolean       not null default false,
    status          text          not null,
    reason          text,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    check (status = 'PENDING' or encrypted_card is null)
);

-- What inventory decided for an order, which may be known before the order itself.
create table stock_outcome (
    order_id     uuid        primary key,
    outcome      text        not null,
    recorded_at  timestamptz not null default now()
);

-- Card encryption keys. The private key never leaves this database and this service.
create table card_encryption_key (
    key_id       text        primary key,
    algorithm    text        not null,
    public_key   text        not null,
    private_key  text        not null,
    issued_at    timestamptz not null
);
