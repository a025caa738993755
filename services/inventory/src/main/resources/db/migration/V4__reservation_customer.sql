-- The customer who placed the order, so that a shopper sees what is set aside for their own orders and no one else's.
-- Reservations made before it was kept have none: only staff and the service account may read those.
alter table reservation add column customer_id uuid;
