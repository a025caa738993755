-- The shoppers' carts: one row per product a customer means to order, until they check out (which deletes the rows in
-- the order's transaction) or take it out. price_when_added is what the product cost when it was first put in the
-- cart, kept through changes of quantity, so that the cart can show how the price moved since; the cart is otherwise
-- priced from catalog_price whenever it is read.
create table cart_item (
    customer_id       uuid          not null,
    sku               text          not null,
    quantity          integer       not null check (quantity between 1 and 1000),
    price_when_added  numeric(12,2) not null check (price_when_added > 0),
    currency          char(3)       not null,
    added_at          timestamptz   not null,
    primary key (customer_id, sku)
);
