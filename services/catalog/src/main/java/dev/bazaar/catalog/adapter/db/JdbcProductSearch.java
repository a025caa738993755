package dev.bazaar.catalog.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import dev.bazaar.catalog.search.ProductListing;
import dev.bazaar.catalog.search.ProductSearch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The search read model in its own table, with the text to match kept ready in lower case. */
@Repository
class JdbcProductSearch implements ProductSearch {

    private static final String WHERE = """
            where (cast(:pattern as text) is null or search_text like :pattern)
              and (cast(:category as text) is null or category = :category)""";

    private final JdbcClient jdbc;

    JdbcProductSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(ProductListing listing) {
        jdbc.sql("""
                insert into product_listing (sku, name, description, category, price, currency, search_text)
                values (:sku, :name, :description, :category, :price, :currency, :text)
                on conflict (sku) do update set name = excluded.name, description = excluded.description,
                    category = excluded.category, price = excluded.price, currency = excluded.currency,
                    search_text = excluded.search_text""")
                .param("sku", listing.sku())
                .param("name", listing.name())
                .param("description", listing.description())
                .param("category", listing.category())
                .param("price", listing.price())
                .param("currency", listing.currency())
                .param("text", (listing.name() + " " + listing.description()).toLowerCase(Locale.ROOT))
                .update();
    }

    @Override
    public List<ProductListing> search(Query query, long offset, int limit) {
        return jdbc.sql("select * from product_listing " + WHERE + " order by category, sku limit :limit offset :offset")
                .param("pattern", pattern(query)).param("category", query.category())
                .param("limit", limit).param("offset", offset)
                .query(this::listing).list();
    }

    @Override
    public long count(Query query) {
        return jdbc.sql("select count(*) from product_listing " + WHERE)
                .param("pattern", pattern(query)).param("category", query.category())
                .query(Long.class).single();
    }

    private static String pattern(Query query) {
        return query.text() == null ? null : "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
    }

    private ProductListing listing(ResultSet rs, int row) throws SQLException {
        return new ProductListing(rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                rs.getString("category"), rs.getBigDecimal("price"), rs.getString("currency"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
