create table stock_item (
    sku       text    primary key,
    on_hand   integer not null,
    reserved  integer not null default 0,
    -- The last guard against overselling, should a code path ever change stock without its row lock.
    constraint stock_within_bounds check (reserved >= 0 and reserved <= on_hand)
);

create table reservation (
    order_id    uuid        primary key,
    status      text        not null check (status in ('HELD', 'COMMITTED', 'RELEASED')),
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now()
);
-- Held reservations past their expiry are the ones to give back; this finds them without a scan.
create index reservation_held_by_expiry on reservation (expires_at) where status = 'HELD';

create table reservation_line (
    order_id  uuid     not null references reservation (order_id),
    position  smallint not null,
    sku       text     not null references stock_item (sku),
    quantity  integer  not null check (quantity > 0),
    primary key (order_id, position),
    unique (order_id, sku)
);
