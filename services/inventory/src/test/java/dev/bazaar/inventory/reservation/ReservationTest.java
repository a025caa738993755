package dev.bazaar.inventory.reservation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.StockItem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservationTest {

    private static final Sku BOOK = new Sku("BOOK-001");
    private static final Sku LAMP = new Sku("HOME-002");
    private static final Sku UNKNOWN = new Sku("NOPE-1");
    private static final Instant EXPIRY = Instant.parse("2026-11-27T12:15:00Z");

    private final OrderId order = new OrderId(UUID.randomUUID());
    private final UUID customer = UUID.randomUUID();
    private final Map<Sku, StockItem> stock = new HashMap<>(Map.of(
            BOOK, new StockItem(BOOK, 10, 2),
            LAMP, new StockItem(LAMP, 5, 0)));

    @Test
    void reservesEveryLineOfAnOrderThatStockCovers() {
        Allocation allocation = Reservation.allocate(order, customer, List.of(line(BOOK, 8), line(LAMP, 5)), stock, EXPIRY);

        assertThat(allocation).isInstanceOf(Allocation.Reserved.class);
        Reservation reservation = ((Allocation.Reserved) allocation).reservation();
        assertThat(reservation.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(reservation.customerId()).as("whose it is to see").isEqualTo(customer);
        assertThat(reservation.lines()).containsExactly(line(BOOK, 8), line(LAMP, 5));
        assertThat(reservation.expiresAt()).isEqualTo(EXPIRY);
        assertThat(allocation.event()).isEqualTo(new ReservationEvent.Reserved(order, List.of(line(BOOK, 8), line(LAMP, 5)), EXPIRY));
        assertThat(stock.get(BOOK).reserved()).isEqualTo(10);
        assertThat(stock.get(BOOK).available()).isZero();
        assertThat(stock.get(LAMP).reserved()).isEqualTo(5);
    }

    @Test
    void rejectsOrderWhenStockIsShortAndReservesNothing() {
        Allocation allocation = Reservation.allocate(order, customer, List.of(line(LAMP, 2), line(BOOK, 9)), stock, EXPIRY);

        assertThat(allocation).isInstanceOf(Allocation.Rejected.class);
        ReservationEvent.Rejected rejected = ((Allocation.Rejected) allocation).event();
        assertThat(rejected.orderId()).isEqualTo(order);
        assertThat(rejected.shortages()).containsExactly(new Shortage(BOOK, 9, 8));
        assertThat(rejected.reason()).isEqualTo("insufficient stock of BOOK-001");
        assertThat(stock.get(LAMP).reserved()).isZero();
        assertThat(stock.get(BOOK).reserved()).isEqualTo(2);
    }

    @Test
    void rejectsOrderOfAnUnknownSkuAsAShortageOfNone() {
        Allocation allocation = Reservation.allocate(order, customer, List.of(line(BOOK, 1), line(UNKNOWN, 1)), stock, EXPIRY);

        ReservationEvent.Rejected rejected = ((Allocation.Rejected) allocation).event();
        assertThat(rejected.shortages()).containsExactly(new Shortage(UNKNOWN, 1, 0));
        assertThat(rejected.reason()).isEqualTo("unknown SKU NOPE-1");
        assertThat(stock.get(BOOK).reserved()).isEqualTo(2);
    }

    @Test
    void linesOfTheSameSkuCountTogether() {
        Allocation tooMuch = Reservation.allocate(order, customer, List.of(line(LAMP, 3), line(LAMP, 3)), stock, EXPIRY);
        Allocation enough = Reservation.allocate(order, customer, List.of(line(LAMP, 3), line(LAMP, 2)), stock, EXPIRY);

        assertThat(((Allocation.Rejected) tooMuch).event().shortages()).containsExactly(new Shortage(LAMP, 6, 5));
        assertThat(((Allocation.Reserved) enough).reservation().lines()).containsExactly(line(LAMP, 5));
        assertThat(stock.get(LAMP).available()).isZero();
    }

    @Test
    void anOrderIsReservedOnlyForTheCustomerWhoPlacedIt() {
        assertThatThrownBy(() -> Reservation.allocate(order, null, List.of(line(BOOK, 1)), stock, EXPIRY))
                .hasMessageContaining("customer");
        assertThat(stock.get(BOOK).reserved()).isEqualTo(2);
    }

    @Test
    void anOrderAsksForAtLeastOneLineOfAPositiveQuantity() {
        assertThatThrownBy(() -> Reservation.allocate(order, customer, List.of(), stock, EXPIRY)).hasMessageContaining("at least one line");
        assertThatThrownBy(() -> line(BOOK, 0)).hasMessageContaining("positive");
    }

    @Test
    void committingTakesTheReservedGoodsOffHand() {
        Reservation reservation = held(line(BOOK, 2), line(LAMP, 1));
        stock.put(LAMP, new StockItem(LAMP, 5, 1));

        ReservationEvent.Committed committed = reservation.commit(stock);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(committed).isEqualTo(new ReservationEvent.Committed(order, List.of(line(BOOK, 2), line(LAMP, 1))));
        assertThat(stock.get(BOOK).onHand()).isEqualTo(8);
        assertThat(stock.get(BOOK).reserved()).isZero();
        assertThat(stock.get(LAMP).onHand()).isEqualTo(4);
        assertThat(stock.get(LAMP).reserved()).isZero();
    }

    @Test
    void releasingGivesTheReservedGoodsBackToAvailableStock() {
        Reservation reservation = held(line(BOOK, 2));

        ReservationEvent.Released released = reservation.release(stock, "order cancelled");

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released).isEqualTo(new ReservationEvent.Released(order, List.of(line(BOOK, 2)), "order cancelled"));
        assertThat(stock.get(BOOK).onHand()).isEqualTo(10);
        assertThat(stock.get(BOOK).available()).isEqualTo(10);
    }

    @Test
    void aCommittedReservationCanNeitherBeReleasedNorCommittedAgain() {
        Reservation reservation = held(line(BOOK, 2));
        reservation.commit(stock);

        assertThatThrownBy(() -> reservation.release(stock, "order cancelled"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is COMMITTED");
        assertThatThrownBy(() -> reservation.commit(stock)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.get(BOOK).onHand()).isEqualTo(8);
        assertThat(stock.get(BOOK).reserved()).isZero();
    }

    @Test
    void aReleasedReservationCanNeitherBeCommittedNorReleasedAgain() {
        Reservation reservation = held(line(BOOK, 2));
        reservation.release(stock, "order cancelled");

        assertThatThrownBy(() -> reservation.commit(stock)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is RELEASED");
        assertThatThrownBy(() -> reservation.release(stock, "again")).isInstanceOf(IllegalStateException.class);
        assertThat(stock.get(BOOK).onHand()).isEqualTo(10);
        assertThat(stock.get(BOOK).reserved()).isZero();
    }

    @Test
    void aHeldReservationPastItsExpiryIsReleasedAsExpired() {
        Reservation reservation = held(line(BOOK, 2));

        ReservationEvent.Released released = reservation.expire(stock, EXPIRY);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released).isEqualTo(new ReservationEvent.Released(order, List.of(line(BOOK, 2)), "reservation expired"));
        assertThat(stock.get(BOOK).reserved()).isZero();
        assertThat(stock.get(BOOK).available()).isEqualTo(10);
    }

    @Test
    void aReservationDoesNotExpireBeforeItsExpiry() {
        Reservation reservation = held(line(BOOK, 2));

        assertThatThrownBy(() -> reservation.expire(stock, EXPIRY.minusMillis(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("held until " + EXPIRY);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(stock.get(BOOK).reserved()).isEqualTo(2);
    }

    @Test
    void aCommittedReservationNeverExpires() {
        Reservation reservation = held(line(BOOK, 2));
        reservation.commit(stock);

        assertThatThrownBy(() -> reservation.expire(stock, EXPIRY.plusSeconds(3600)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is COMMITTED");
        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(stock.get(BOOK).onHand()).isEqualTo(8);
    }

    @Test
    void restockingACommittedReservationPutsItsGoodsBackOnHand() {
        Reservation reservation = held(line(BOOK, 2), line(LAMP, 1));
        stock.put(LAMP, new StockItem(LAMP, 5, 1));
        reservation.commit(stock);

        ReservationEvent.Restocked restocked = reservation.restock(stock, "order cancelled: shipment failed");

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESTOCKED);
        assertThat(restocked).isEqualTo(new ReservationEvent.Restocked(order, List.of(line(BOOK, 2), line(LAMP, 1)),
                "order cancelled: shipment failed"));
        assertThat(stock.get(BOOK).onHand()).isEqualTo(10);
        assertThat(stock.get(BOOK).committed()).isZero();
        assertThat(stock.get(BOOK).reserved()).isZero();
        assertThat(stock.get(LAMP).onHand()).isEqualTo(5);
        assertThat(stock.get(LAMP).available()).isEqualTo(5);
    }

    @Test
    void onlyACommittedReservationCanBeRestockedAndOnlyOnce() {
        Reservation heldOne = held(line(BOOK, 2));
        assertThatThrownBy(() -> heldOne.restock(stock, "order cancelled"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is HELD");

        Reservation committed = held(line(BOOK, 2));
        committed.commit(stock);
        committed.restock(stock, "order cancelled");

        assertThatThrownBy(() -> committed.restock(stock, "again")).isInstanceOf(IllegalStateException.class).hasMessageContaining("is RESTOCKED");
        assertThatThrownBy(() -> committed.release(stock, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> committed.commit(stock)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.get(BOOK).onHand()).isEqualTo(10);
        assertThat(stock.get(BOOK).committed()).isZero();
    }

    @Test
    void aReleasedReservationIsNeverRestocked() {
        Reservation reservation = held(line(BOOK, 2));
        reservation.expire(stock, EXPIRY);

        assertThatThrownBy(() -> reservation.restock(stock, "order cancelled"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is RELEASED");
        assertThat(stock.get(BOOK).onHand()).isEqualTo(10);
        assertThat(stock.get(BOOK).reserved()).isZero();
    }

    @Test
    void anOrderIdIsAUuid() {
        assertThatThrownBy(() -> OrderId.parse("order-1")).hasMessageContaining("UUID");
        assertThat(OrderId.parse(order.toString())).isEqualTo(order);
    }

    /** A reservation as it would be loaded: held, with its stock already set aside in {@link #stock}. */
    private Reservation held(ReservationLine... lines) {
        return new Reservation(order, customer, List.of(lines), ReservationStatus.HELD, EXPIRY);
    }

    private static ReservationLine line(Sku sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }
}
