-- The search read model: what shoppers query, apart from the product aggregate's own table.
create table product_listing (
    sku          text          primary key,
    name         text          not null,
    description  text          not null,
    category     text          not null,
    price        numeric(12,2) not null,
    currency     char(3)       not null,
    search_text  text          not null  -- lower(name || ' ' || description), matched with LIKE
);
create index product_listing_category on product_listing (category, sku);

insert into product_listing (sku, name, description, category, price, currency, search_text)
select sku, name, description, category, price, currency, lower(name || ' ' || description) from product;
