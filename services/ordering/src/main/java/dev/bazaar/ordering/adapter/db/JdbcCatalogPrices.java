package dev.bazaar.ordering.adapter.db;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
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
    public boolean put(CatalogPrice price, Long version) {
        return jdbc.sql("""
                insert into catalog_price (sku, name, amount, currency, version)
                values (:sku, :name, :amount, :currency, coalesce(cast(:version as bigint), 0))
                on conflict (sku) do update
                    set name = excluded.name, amount = excluded.amount, currency = excluded.currency,
                        version = greatest(catalog_price.version, excluded.version)
                    where cast(:version as bigint) is null or catalog_price.version < cast(:version as bigint)""")
                .param("sku", price.sku().value())
                .param("name", price.name())
                .param("amount", price.price().amount())
                .param("currency", price.price().currency())
                .param("version", version)
                .update() == 1;
    }

    @Override
    public boolean changePrice(Sku sku, Money price, Long version) {
        return jdbc.sql("""
                update catalog_price set amount = :amount, currency = :currency, version = coalesce(cast(:version as bigint), version)
                where sku = :sku and (cast(:version as bigint) is null or version < cast(:version as bigint))""")
                .param("sku", sku.value())
                .param("amount", price.amount())
                .param("currency", price.currency())
                .param("version", version)
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

    @Override
    public Optional<String> currency() {
        return jdbc.sql("select currency from catalog_price group by currency order by count(*) desc, currency limit 1")
                .query(String.class).optional();
    }
}
