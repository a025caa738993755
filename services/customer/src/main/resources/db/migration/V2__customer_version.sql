-- Every change counts a customer's version up; its events carry it, so replicas can refuse what is older.
alter table customer add column version bigint not null default 1 check (version >= 1);
