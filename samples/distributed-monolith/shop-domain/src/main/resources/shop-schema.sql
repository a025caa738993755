-- The ONE schema of the shop, shipped in the shared domain library and run by every
-- service at start (sign: shared database). No table has a single owner: order-service
-- reads products and users directly, product-service and payment-service write beside it.
create table if not exists users (
    id         bigint primary key,
    name       text   not null,
    email      text   not null
);

create table if not exists products (
    id          bigint primary key,
    name        text   not null,
    price_cents bigint not null check (price_cents >= 0),
    stock       bigint not null check (stock >= 0)
);

-- orders has no foreign keys: order-service inserts the PENDING order first and only then
-- asks user-service whether the user exists (and product-service for the stock).
create table if not exists orders (
    id           bigserial primary key,
    user_id      bigint      not null,
    product_id   bigint      not null,
    quantity     int         not null check (quantity > 0),
    amount_cents bigint      not null,
    status       text        not null,
    created_at   timestamptz not null default now()
);

-- payments.order_id has no foreign key on purpose: payment-service writes the payment while
-- order-service still holds its order row uncommitted in its own transaction, so a foreign
-- key check would wait for that transaction, which is itself waiting for payment-service.
create table if not exists payments (
    id           bigserial primary key,
    order_id     bigint      not null,
    amount_cents bigint      not null,
    card_last4   text        not null,
    status       text        not null,
    created_at   timestamptz not null default now()
);
