-- The staff's list of orders needing attention (GET /api/orders/attention).
-- Stuck: unfinished orders by their last change, the longest unchanged first. Unfinished orders stay few.
create index customer_order_unfinished_by_change on customer_order (updated_at, order_id)
    where status in ('PENDING', 'CONFIRMED', 'SHIPPED');
-- Refunded: the latest cancellations; each one's confirmation and OrderPlaced are then found by the primary key.
create index order_event_cancelled on order_event (occurred_at desc, order_id desc) where type = 'OrderCancelled';
