package dev.bazaar.inventory.stock.application;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.bazaar.inventory.InventoryProperties;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.inventory.stock.StockItems;
import dev.bazaar.platform.paging.Page;
import dev.bazaar.platform.paging.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What can be done with stock outside of orders. No event announces these changes: no other context needs them. */
@Service
public class StockKeeping {

    private final StockItems stockItems;
    private final int initialStock;

    public StockKeeping(StockItems stockItems, InventoryProperties properties) {
        this.stockItems = stockItems;
        this.initialStock = properties.initialStock();
    }

    /**
     * Stocks a SKU that catalog just put on sale. Catalog announces a product once, but its whole
     * history is replayed to a new consumer, so a SKU already stocked keeps the stock it has.
     *
     * @return true when the SKU was new
     */
    @Transactional
    public boolean on(ProductAdded added) {
        return stockItems.add(StockItem.stocked(added.sku(), initialStock));
    }

    /** Goods of a SKU arrived at the warehouse. */
    @Transactional
    public StockItem receive(Sku sku, int quantity) {
        StockItem item = stockItems.findForUpdate(List.of(sku)).get(sku);
        if (item == null) {
            throw new UnknownSku(sku);
        }
        item.receive(quantity);
        stockItems.update(item);
        return item;
    }

    @Transactional(readOnly = true)
    public Optional<StockItem> find(Sku sku) {
        return stockItems.find(sku);
    }

    /** A page of stock items in SKU order. */
    @Transactional(readOnly = true)
    public Page<StockItem> list(PageRequest request) {
        return Page.of(stockItems.list(request.offset(), request.size()), request, stockItems.count());
    }

    /** Catalog put a product on sale: all inventory needs of that fact is the SKU. */
    public record ProductAdded(Sku sku) {
        public ProductAdded {
            Objects.requireNonNull(sku, "sku");
        }
    }

    public static class UnknownSku extends RuntimeException {
        public UnknownSku(Sku sku) {
            this(sku.value());
        }

        public UnknownSku(String sku) {
            super("No stock is kept of SKU " + sku);
        }
    }
}
