package dev.bazaar.inventory.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.StockItems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStockItems implements StockItems {

    private final JdbcClient jdbc;

    JdbcStockItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StockItem> find(Sku sku) {
        return jdbc.sql("select sku, on_hand, reserved from stock_item where sku = ?").param(sku.value()).query(this::item).optional();
    }

    /** Rows are locked in SKU order, so two orders over the same SKUs never wait for each other in a circle. */
    @Override
    public Map<Sku, StockItem> findForUpdate(Collection<Sku> skus) {
        Map<Sku, StockItem> items = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return items;
        }
        jdbc.sql("select sku, on_hand, reserved from stock_item where sku in (:skus) order by sku for update")
                .param("skus", skus.stream().map(Sku::value).distinct().toList())
                .query(this::item)
                .list()
                .forEach(item -> items.put(item.sku(), item));
        return items;
    }

    @Override
    public boolean add(StockItem item) {
        return jdbc.sql("""
                insert into stock_item (sku, on_hand, reserved) values (:sku, :onHand, :reserved)
                on conflict (sku) do nothing""")
                .param("sku", item.sku().value())
                .param("onHand", item.onHand())
                .param("reserved", item.reserved())
                .update() == 1;
    }

    @Override
    public void update(StockItem item) {
        jdbc.sql("update stock_item set on_hand = :onHand, reserved = :reserved where sku = :sku")
                .param("sku", item.sku().value())
                .param("onHand", item.onHand())
                .param("reserved", item.reserved())
                .update();
    }

    private StockItem item(ResultSet rs, int row) throws SQLException {
        return new StockItem(new Sku(rs.getString("sku")), rs.getInt("on_hand"), rs.getInt("reserved"));
    }
}
