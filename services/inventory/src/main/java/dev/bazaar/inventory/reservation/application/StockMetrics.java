package dev.bazaar.inventory.reservation.application;

import java.util.Map;

import dev.bazaar.inventory.reservation.Allocation;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import dev.bazaar.platform.work.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Inventory's business outcomes, counted for Prometheus (docs/metrics.md): orders refused for lack of stock, SKUs
 * whose available stock a reservation took to zero, and reservations released because their order was not paid in
 * time.
 *
 * <p>{@link StockReservations} reports what it decided and it is counted once that transaction has committed: a
 * decision that rolls back counts nothing, and a placement seen before (a redelivery the inbox skips, or the same
 * order announced again) decides nothing, so it counts nothing either.
 */
@Component
public class StockMetrics {

    private final Counter rejections;
    private final Counter stockOuts;
    private final Counter expired;

    public StockMetrics(MeterRegistry registry) {
        this.rejections = Counter.builder("bazaar.stock.rejections")
                .description("Orders whose stock could not be reserved: some line asked for more than was available")
                .register(registry);
        this.stockOuts = Counter.builder("bazaar.stock.outs")
                .description("Times a reservation took a SKU's available stock to zero").register(registry);
        this.expired = Counter.builder("bazaar.stock.reservations.expired")
                .description("Reservations released because their order was not paid before they expired").register(registry);
    }

    /**
     * An order's stock was asked for: a rejection counts once; a reservation counts a stock-out for every SKU it left
     * with nothing available.
     *
     * @param stock the order's SKUs as they are after the allocation
     */
    void allocated(Allocation allocation, Map<Sku, StockItem> stock) {
        if (allocation instanceof Allocation.Rejected) {
            AfterCommit.run(rejections::increment);
            return;
        }
        long soldOut = soldOut((Allocation.Reserved) allocation, stock);
        if (soldOut > 0) {
            AfterCommit.run(() -> stockOuts.increment(soldOut));
        }
    }

    /** Reservations released at their expiry, in the transaction that released them. */
    void expired(int reservations) {
        if (reservations > 0) {
            AfterCommit.run(() -> expired.increment(reservations));
        }
    }

    /**
     * The reserved SKUs with nothing left available. Reserving only ever takes available stock down, and takes a
     * positive quantity, so a SKU at zero now had some before: it ran out with this reservation.
     */
    static long soldOut(Allocation.Reserved reserved, Map<Sku, StockItem> stock) {
        return reserved.reservation().skus().stream().filter(sku -> stock.get(sku).available() == 0).count();
    }

}
