package dev.bazaar.ordering.adapter.db;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import dev.bazaar.ordering.replica.CatalogPrices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCatalogPrices implements CatalogPrices {

    private final JdbcClient jdbc;

    JdbcCatalogPrices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(CatalogPrice price) {
        jdbc.sql("""
                insert into catalog_price (sku, name, amount, currency) values (:sku, :name, :amount, :currency)
                on conflict (sku) do update set name = excluded.name, amount = excluded.amount, currency = excluded.currency""")
                .param("sku", price.sku().value())
                .param("name", price.name())
                .param("amount", price.price().amount())
                .param("currency", price.price().currency())
                .update();
    }

    @Override
    public boolean changePrice(Sku sku, Money price) {
        return jdbc.sql("update catalog_price set amount = :amount, currency = :currency where sku = :sku")
                .param("sku", sku.value())
                .param("amount", price.amount())
                .param("currency", price.currency())
                .update() == 1;
    }

    @Override
    public Map<Sku, CatalogPrice> find(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select sku, name, amount, currency from catalog_price where sku in (:skus)")
                .param("skus", skus.stream().map(Sku::value).distinct().toList())
                .query((rs, row) -> new CatalogPrice(new Sku(rs.getString(1)), rs.getString(2),
                        new Money(rs.getBigDecimal(3), rs.getString(4))))
                .list().stream()
                .collect(Collectors.toMap(CatalogPrice::sku, Function.identity()));
    }
}
