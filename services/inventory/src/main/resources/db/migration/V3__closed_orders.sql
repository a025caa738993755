-- Orders inventory holds nothing for and never will (stock rejected, or cancelled before their placement arrived):
-- a placement redriven or replayed after that reserves nothing.
create table closed_order (
    order_id   uuid        primary key,
    reason     text        not null,
    closed_at  timestamptz not null default now()
);
