-- The version of the product each price comes from: a late or redriven event older than it is not applied.
alter table catalog_price add column version bigint not null default 0;
