-- The customer who placed the order, so that a shopper sees their own payments and no one else's. Payments opened
-- before it was kept have none: only staff and the service account may read those.
alter table payment add column customer_id uuid;
