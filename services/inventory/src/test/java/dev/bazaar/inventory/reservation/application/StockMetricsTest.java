package dev.bazaar.inventory.reservation.application;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.inventory.reservation.Allocation;
import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.Reservation;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

class StockMetricsTest {

    private static final Sku BOOK = new Sku("BOOK-001");
    private static final Sku LAMP = new Sku("HOME-002");
    private static final Instant EXPIRY = Instant.parse("2026-11-27T12:15:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StockMetrics metrics = new StockMetrics(registry);
    private final Map<Sku, StockItem> stock = new HashMap<>(Map.of(
            BOOK, new StockItem(BOOK, 10, 2),
            LAMP, new StockItem(LAMP, 5, 0)));

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private Allocation allocate(ReservationLine... lines) {
        return Reservation.allocate(new OrderId(UUID.randomUUID()), UUID.randomUUID(), List.of(lines), stock, EXPIRY);
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void aRejectedOrderCountsOneRejectionWhateverItsShortages() {
        metrics.allocated(allocate(new ReservationLine(BOOK, 9), new ReservationLine(LAMP, 6)), stock);

        assertThat(count("bazaar.stock.rejections")).isEqualTo(1);
        assertThat(count("bazaar.stock.outs")).isZero();
    }

    @Test
    void aReservationThatTakesTheLastUnitsOfASkuCountsAStockOutForThatSku() {
        metrics.allocated(allocate(new ReservationLine(BOOK, 8), new ReservationLine(LAMP, 2)), stock);

        assertThat(count("bazaar.stock.outs")).isEqualTo(1);
        assertThat(count("bazaar.stock.rejections")).isZero();

        metrics.allocated(allocate(new ReservationLine(LAMP, 3)), stock);

        assertThat(count("bazaar.stock.outs")).isEqualTo(2);
    }

    @Test
    void aReservationLeavingStockAvailableCountsNothing() {
        metrics.allocated(allocate(new ReservationLine(BOOK, 1)), stock);

        assertThat(count("bazaar.stock.outs")).isZero();
        assertThat(count("bazaar.stock.rejections")).isZero();
    }

    @Test
    void nothingIsCountedBeforeTheDecisionCommitsAndNothingIfItRollsBack() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.allocated(allocate(new ReservationLine(BOOK, 8)), stock);
        metrics.expired(3);
        assertThat(count("bazaar.stock.outs")).isZero();
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        TransactionSynchronizationManager.clearSynchronization();
        assertThat(count("bazaar.stock.outs")).isZero();
        assertThat(count("bazaar.stock.reservations.expired")).isZero();

        TransactionSynchronizationManager.initSynchronization();
        metrics.allocated(allocate(new ReservationLine(LAMP, 9)), stock);
        metrics.expired(3);
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(count("bazaar.stock.rejections")).isEqualTo(1);
        assertThat(count("bazaar.stock.reservations.expired")).isEqualTo(3);
    }
}
