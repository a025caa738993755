-- What on hand is made of, so that an audit can tell a sale from a leak:
-- on_hand = initial + received - committed, where committed counts units that left with orders
-- and were not restocked. Every change of stock updates these in the same transaction.
alter table stock_item
    add column initial   integer,
    add column received  integer not null default 0,
    add column committed integer not null default 0;

-- Stock from before the counts existed: committed units are known from the reservations; goods
-- received earlier cannot be told apart from the initial stock any more and count as initial.
update stock_item s set committed = coalesce((
    select sum(l.quantity) from reservation_line l join reservation r on r.order_id = l.order_id
    where r.status = 'COMMITTED' and l.sku = s.sku), 0);
update stock_item set initial = on_hand + committed;

alter table stock_item
    alter column initial set not null,
    add constraint stock_counted check (
        initial >= 0 and received >= 0 and committed >= 0 and on_hand = initial + received - committed);

-- A committed order cancelled after all gives its goods back: RESTOCKED.
alter table reservation drop constraint reservation_status_check;
alter table reservation add constraint reservation_status_check
    check (status in ('HELD', 'COMMITTED', 'RELEASED', 'RESTOCKED'));
