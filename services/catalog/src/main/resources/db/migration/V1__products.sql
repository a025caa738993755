create table product (
    sku          text          primary key,
    name         text          not null,
    description  text          not null default '',
    category     text          not null,
    price        numeric(12,2) not null check (price > 0),
    currency     char(3)       not null
);
create index product_category on product (category);
