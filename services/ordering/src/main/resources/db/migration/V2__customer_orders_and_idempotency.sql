-- The customers' order lists (the read side): one row per order, written in the transaction that
-- appends the order's event, rebuildable from order_event at any time. version is the number of
-- events the row reflects; a row is only ever replaced by a higher version.
create table customer_order (
    order_id      uuid          primary key,
    customer_id   uuid          not null,
    status        text          not null,
    total_amount  numeric(12,2) not null,
    currency      char(3)       not null,
    placed_at     timestamptz   not null,
    updated_at    timestamptz   not null,
    version       integer       not null check (version > 0)
);

create index customer_order_by_customer on customer_order (customer_id, placed_at desc, order_id desc);
-- What the deadline sweeper looks for: only unfinished orders, which stay few.
create index customer_order_unfinished on customer_order (placed_at, order_id) where status in ('PENDING', 'CONFIRMED', 'SHIPPED');

-- Orders placed before this migration get their rows from their streams, as a rebuild would write them.
insert into customer_order (order_id, customer_id, status, total_amount, currency, placed_at, updated_at, version)
select placed.order_id,
       cast(placed.payload ->> 'customerId' as uuid),
       case latest.type
           when 'OrderPlaced' then 'PENDING'
           when 'OrderConfirmed' then 'CONFIRMED'
           when 'OrderRejected' then 'REJECTED'
           when 'OrderCancelled' then 'CANCELLED'
           when 'OrderShipped' then 'SHIPPED'
           when 'OrderDelivered' then 'DELIVERED'
       end,
       cast(placed.payload -> 'total' ->> 'amount' as numeric(12,2)),
       placed.payload -> 'total' ->> 'currency',
       placed.occurred_at,
       latest.occurred_at,
       latest.version
from order_event placed
join lateral (select type, occurred_at, version from order_event e
              where e.order_id = placed.order_id order by version desc limit 1) latest on true
where placed.version = 1;

-- Every order in placement order, for the admin list.
create index order_event_placed on order_event (occurred_at, order_id) where version = 1;

-- What each Idempotency-Key was first sent with, to refuse the key with another request. Keys older
-- than ordering.idempotency-key-ttl (a day by default) are deleted by the sweeper.
alter table checkout_request add column request_fingerprint text;
create index checkout_request_received on checkout_request (received_at);
