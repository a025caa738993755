package dev.bazaar.inventory.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.StockItems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStockItems implements StockItems {

    private static final String COLUMNS = "sku, initial, received, committed, reserved";

    private final JdbcClient jdbc;

    JdbcStockItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StockItem> find(Sku sku) {
        return jdbc.sql("select " + COLUMNS + " from stock_item where sku = ?").param(sku.value()).query(this::item).optional();
    }

    /** Rows are locked in SKU order, so two orders over the same SKUs never wait for each other in a circle. */
    @Override
    public Map<Sku, StockItem> findForUpdate(Collection<Sku> skus) {
        Map<Sku, StockItem> items = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return items;
        }
        jdbc.sql("select " + COLUMNS + " from stock_item where sku in (:skus) order by sku for update")
                .param("skus", skus.stream().map(Sku::value).distinct().toList())
                .query(this::item)
                .list()
                .forEach(item -> items.put(item.sku(), item));
        return items;
    }

    @Override
    public List<StockItem> list(long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from stock_item order by sku offset :offset limit :limit")
                .param("offset", offset)
                .param("limit", limit)
                .query(this::item)
                .list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from stock_item").query(Long.class).single();
    }

    @Override
    public boolean add(StockItem item) {
        return jdbc.sql("""
                insert into stock_item (sku, on_hand, reserved, initial, received, committed)
                values (:sku, :onHand, :reserved, :initial, :received, :committed)
                on conflict (sku) do nothing""")
                .params(counts(item))
                .update() == 1;
    }

    @Override
    public void update(StockItem item) {
        jdbc.sql("""
                update stock_item set on_hand = :onHand, reserved = :reserved, received = :received, committed = :committed
                where sku = :sku""")
                .params(counts(item))
                .update();
    }

    private static Map<String, Object> counts(StockItem item) {
        return Map.of("sku", item.sku().value(), "onHand", item.onHand(), "reserved", item.reserved(),
                "initial", item.initial(), "received", item.received(), "committed", item.committed());
    }

    /** On hand is derived from the counts, and the table's check constraint holds it to the stored column. */
    private StockItem item(ResultSet rs, int row) throws SQLException {
        return new StockItem(new Sku(rs.getString("sku")), rs.getInt("initial"), rs.getInt("received"), rs.getInt("committed"),
                rs.getInt("reserved"));
    }
}
