package dev.bazaar.catalog.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.Product;
import dev.bazaar.catalog.product.Products;
import dev.bazaar.catalog.product.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcProducts implements Products {

    private final JdbcClient jdbc;

    JdbcProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Product> find(Sku sku) {
        return jdbc.sql("select * from product where sku = ?").param(sku.value()).query(this::product).optional();
    }

    @Override
    public Optional<Product> findForUpdate(Sku sku) {
        return jdbc.sql("select * from product where sku = ? for update").param(sku.value()).query(this::product).optional();
    }

    @Override
    public boolean add(Product product) {
        return jdbc.sql("""
                insert into product (sku, name, description, category, price, currency, version)
                values (:sku, :name, :description, :category, :price, :currency, :version)
                on conflict (sku) do nothing""")
                .param("sku", product.sku().value())
                .param("name", product.name())
                .param("description", product.description())
                .param("category", product.category())
                .param("price", product.price().amount())
                .param("currency", product.price().currency())
                .param("version", product.version())
                .update() == 1;
    }

    @Override
    public void update(Product product) {
        jdbc.sql("update product set price = :price, currency = :currency, version = :version where sku = :sku")
                .param("sku", product.sku().value())
                .param("price", product.price().amount())
                .param("currency", product.price().currency())
                .param("version", product.version())
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }

    private Product product(ResultSet rs, int row) throws SQLException {
        return new Product(new Sku(rs.getString("sku")), rs.getString("name"), rs.getString("description"),
                rs.getString("category"), new Money(rs.getBigDecimal("price"), rs.getString("currency")), rs.getLong("version"));
    }
}
