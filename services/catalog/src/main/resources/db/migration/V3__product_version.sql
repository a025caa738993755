-- Every change counts a product's version up; its events carry it, so replicas can refuse what is older.
alter table product add column version bigint not null default 1 check (version >= 1);
