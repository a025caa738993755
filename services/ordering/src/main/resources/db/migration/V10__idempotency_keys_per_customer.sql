-- An Idempotency-Key is chosen by the client, so it is the customer's own: two customers may choose the same one, and
-- neither may be refused for, or learn of, the other's. A key kept from before names its customer through its order.
alter table checkout_request add column customer_id uuid;
update checkout_request r set customer_id = o.customer_id from customer_order o where o.order_id = r.order_id;
delete from checkout_request where customer_id is null;
alter table checkout_request alter column customer_id set not null;
alter table checkout_request drop constraint checkout_request_pkey;
alter table checkout_request add primary key (customer_id, idempotency_key);
