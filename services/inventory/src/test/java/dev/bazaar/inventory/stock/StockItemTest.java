package dev.bazaar.inventory.stock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockItemTest {

    private final Sku book = new Sku("BOOK-001");

    @Test
    void whatIsAvailableIsWhatIsOnHandLessWhatIsReserved() {
        StockItem item = new StockItem(book, 10, 3);

        assertThat(item.available()).isEqualTo(7);
    }

    @Test
    void reservingSetsStockAsideWithoutTakingItOffHand() {
        StockItem item = StockItem.stocked(book, 10);

        item.reserve(4);

        assertThat(item.onHand()).isEqualTo(10);
        assertThat(item.reserved()).isEqualTo(4);
        assertThat(item.available()).isEqualTo(6);
    }

    @Test
    void refusesToReserveMoreThanIsAvailable() {
        StockItem item = new StockItem(book, 10, 8);

        assertThatThrownBy(() -> item.reserve(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Only 2");
        assertThat(item.reserved()).isEqualTo(8);
    }

    @Test
    void releasingGivesReservedStockBack() {
        StockItem item = new StockItem(book, 10, 4);

        item.release(4);

        assertThat(item.onHand()).isEqualTo(10);
        assertThat(item.available()).isEqualTo(10);
    }

    @Test
    void committingTakesReservedStockOffHand() {
        StockItem item = new StockItem(book, 10, 4);

        item.commit(3);

        assertThat(item.onHand()).isEqualTo(7);
        assertThat(item.reserved()).isEqualTo(1);
        assertThat(item.available()).isEqualTo(6);
        assertThat(item.committed()).isEqualTo(3);
    }

    @Test
    void onHandIsWhatWasStockedPlusWhatWasReceivedLessWhatLeftWithOrders() {
        StockItem item = StockItem.stocked(book, 10);

        item.receive(5);
        item.reserve(4);
        item.commit(3);
        item.release(1);
        item.reserve(2);
        item.commit(2);
        item.restock(3);

        assertThat(item.initial()).isEqualTo(10);
        assertThat(item.received()).isEqualTo(5);
        assertThat(item.committed()).isEqualTo(2);
        assertThat(item.onHand()).isEqualTo(item.initial() + item.received() - item.committed()).isEqualTo(13);
        assertThat(item.reserved()).isZero();
    }

    @Test
    void restockingPutsGoodsThatLeftWithAnOrderBackOnHand() {
        StockItem item = new StockItem(book, 10, 0, 4, 1);

        item.restock(3);

        assertThat(item.onHand()).isEqualTo(9);
        assertThat(item.committed()).isEqualTo(1);
        assertThat(item.reserved()).isEqualTo(1);
        assertThat(item.available()).isEqualTo(8);
    }

    @Test
    void refusesToRestockMoreThanLeftWithOrders() {
        StockItem item = new StockItem(book, 10, 0, 2, 0);

        assertThatThrownBy(() -> item.restock(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Only 2");
        assertThatThrownBy(() -> item.restock(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThat(item.onHand()).isEqualTo(8);
        assertThat(item.committed()).isEqualTo(2);
    }

    @Test
    void noCountIsNegative() {
        assertThatThrownBy(() -> new StockItem(book, -1, 0, 0, 0)).hasMessageContaining("no negative");
        assertThatThrownBy(() -> new StockItem(book, 5, -1, 0, 0)).hasMessageContaining("no negative");
        assertThatThrownBy(() -> new StockItem(book, 5, 0, -1, 0)).hasMessageContaining("no negative");
        assertThatThrownBy(() -> new StockItem(book, 5, 0, 6, 0)).hasMessageContaining("reserved <= on hand");
    }

    @Test
    void refusesToReleaseOrCommitMoreThanIsReserved() {
        StockItem item = new StockItem(book, 10, 2);

        assertThatThrownBy(() -> item.release(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Only 2");
        assertThatThrownBy(() -> item.commit(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Only 2");
        assertThat(item.onHand()).isEqualTo(10);
        assertThat(item.reserved()).isEqualTo(2);
    }

    @Test
    void receivingAddsToWhatIsOnHand() {
        StockItem item = new StockItem(book, 10, 2);

        item.receive(5);

        assertThat(item.onHand()).isEqualTo(15);
        assertThat(item.available()).isEqualTo(13);
        assertThat(item.received()).isEqualTo(5);
    }

    @Test
    void everyQuantityIsPositive() {
        StockItem item = new StockItem(book, 10, 2);

        assertThatThrownBy(() -> item.receive(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> item.reserve(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> item.release(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> item.commit(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void refusesToReceiveMoreThanCanBeCounted() {
        StockItem item = new StockItem(book, Integer.MAX_VALUE - 1, 0);

        assertThatThrownBy(() -> item.receive(2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(item.onHand()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(item.received()).isZero();
    }

    @Test
    void nothingIsEverReservedBeyondWhatIsOnHand() {
        assertThatThrownBy(() -> new StockItem(book, 3, 4)).hasMessageContaining("reserved <= on hand");
        assertThatThrownBy(() -> new StockItem(book, 3, -1)).hasMessageContaining("0 <= reserved");
    }

    @Test
    void aSkuHasAFixedShape() {
        assertThatThrownBy(() -> new Sku("book 1")).hasMessageContaining("SKU");
        assertThat(new Sku("BOOK-1")).hasToString("BOOK-1");
    }
}
