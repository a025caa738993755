package dev.bazaar.inventory.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where stock is kept. */
public interface StockItems {

    Optional<StockItem> find(Sku sku);

    /**
     * Finds the stock of these SKUs and locks it until the transaction ends, always in the same
     * order, so that concurrent reservations of overlapping SKUs wait for each other instead of
     * overselling or deadlocking. Unknown SKUs are absent from the result.
     */
    Map<Sku, StockItem> findForUpdate(Collection<Sku> skus);

    /** A page of stock items in SKU order. */
    List<StockItem> list(long offset, int limit);

    long count();

    /** @return false when the SKU is stocked already */
    boolean add(StockItem item);

    /** Records every count of the item, in the same transaction as the change that made them. */
    void update(StockItem item);
}
