-- An order given up after its confirmation is CANCELLING until fulfillment answers; should that answer not come, the
-- staff's list of stuck orders shows it. The deadline's sweep (customer_order_unfinished, V2) leaves it out: it has no
-- deadline any more, only fulfillment's answer to wait for.
drop index customer_order_unfinished_by_change;
create index customer_order_unfinished_by_change on customer_order (updated_at, order_id)
    where status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLING');
