package dev.bazaar.catalog.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import dev.bazaar.catalog.search.ProductListing;
import dev.bazaar.catalog.search.ProductSearch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The search read model in its own table, with the text to match kept ready in lower case. */
@Repository
class JdbcProductSearch implements ProductSearch {

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
    public Page search(Query query) {
        String where = """
                where (cast(:pattern as text) is null or search_text like :pattern)
                  and (cast(:category as text) is null or category = :category)""";
        String pattern = query.text() == null ? null : "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
        long total = jdbc.sql("select count(*) from product_listing " + where)
                .param("pattern", pattern).param("category", query.category())
                .query(Long.class).single();
        var items = jdbc.sql("select * from product_listing " + where + " order by category, sku limit :size offset :offset")
                .param("pattern", pattern).param("category", query.category())
                .param("size", query.size()).param("offset", (long) query.page() * query.size())
                .query(this::listing).list();
        return new Page(items, query.page(), query.size(), total);
    }

    private ProductListing listing(ResultSet rs, int row) throws SQLException {
        return new ProductListing(rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                rs.getString("category"), rs.getBigDecimal("price"), rs.getString("currency"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
