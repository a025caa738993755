-- Ordering no longer keeps the customers it heard of on customer.events: a shopper's token, signed by identity,
-- proves the customer (identity makes the customer record under the account's id), so checkout asks nothing more.
drop table known_customer;
