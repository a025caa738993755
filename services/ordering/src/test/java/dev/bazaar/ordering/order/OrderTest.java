package dev.bazaar.ordering.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final OrderId ID = OrderId.random();
    private static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());
    private static final CardReference CARD = new CardReference("4242", "k-1");

    private static OrderLine line(String sku, int quantity, String price) {
        return new OrderLine(new Sku(sku), "Product " + sku, quantity, Money.of(price, "EUR"));
    }

    private static Order placed() {
        Order order = Order.create(ID);
        order.place(CUSTOMER, List.of(line("BOOK-001", 2, "39.90"), line("HOME-002", 1, "5.05")), CARD, T0);
        return order;
    }

    private static Order replayed(Order order, OrderEvent... more) {
        List<OrderEvent> events = new java.util.ArrayList<>();
        events.add(new OrderEvent.Placed(ID, order.customerId(), order.lines(), order.total(), order.card(), T0));
        events.addAll(List.of(more));
        return Order.replay(ID, events);
    }

    @Test
    void placingAnOrderMakesItPendingAndPricesItFromItsLines() {
        Order order = Order.create(ID);

        OrderEvent.Placed placed = order.place(CUSTOMER, List.of(line("BOOK-001", 2, "39.90"), line("HOME-002", 1, "5.05")), CARD, T0);

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.version()).isEqualTo(1);
        assertThat(placed.total()).isEqualTo(Money.of("84.85", "EUR"));
        assertThat(order.total()).isEqualTo(placed.total());
        assertThat(order.history()).containsExactly(new Order.StatusChange(OrderStatus.PENDING, T0, null));
    }

    @Test
    void anOrderIsPlacedOnlyOnce() {
        Order order = placed();

        assertThatThrownBy(() -> order.place(CUSTOMER, List.of(line("BOOK-001", 1, "1.00")), CARD, T0))
                .isInstanceOf(IllegalOrderTransition.class).hasMessageContaining("placed already");
    }

    @Test
    void anOrderNotPlacedCannotChange() {
        assertThatThrownBy(() -> Order.create(ID).confirm(T0))
                .isInstanceOf(IllegalOrderTransition.class).hasMessageContaining("not placed");
    }

    @Test
    void aPaidOrderIsConfirmedThenShippedThenDelivered() {
        Order order = placed();

        OrderEvent.Confirmed confirmed = order.confirm(T0.plusSeconds(1));
        OrderEvent.Shipped shipped = order.markShipped(T0.plusSeconds(2));
        OrderEvent.Delivered delivered = order.markDelivered(T0.plusSeconds(3));

        assertThat(List.of(confirmed.status(), shipped.status(), delivered.status()))
                .containsExactly(OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.version()).isEqualTo(4);
        assertThat(order.history()).extracting(Order.StatusChange::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        assertThat(order.history().get(3).at()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void anOrderShortOfStockIsRejectedWithItsReason() {
        Order order = placed();

        OrderEvent.Rejected rejected = order.reject("insufficient stock: BOOK-001", T0);

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("insufficient stock: BOOK-001");
        assertThat(order.history().get(1).reason()).isEqualTo("insufficient stock: BOOK-001");
    }

    @Test
    void aPendingConfirmedOrShippedOrderCanBeCancelled() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0);
        Order shipped = shipped();

        pending.cancel("payment declined", T0);
        confirmed.cancel("carrier refused", T0);
        shipped.cancel("lost in transit", T0);

        assertThat(List.of(pending.status(), confirmed.status(), shipped.status())).containsOnly(OrderStatus.CANCELLED);
    }

    @Test
    void aCancelledOrderCannotBeConfirmed() {
        Order order = placed();
        order.cancel("payment declined", T0);

        assertThatThrownBy(() -> order.confirm(T0))
                .isInstanceOf(IllegalOrderTransition.class).hasMessageContaining("CANCELLED").hasMessageContaining("CONFIRMED");
        assertThat(order.version()).isEqualTo(2);
    }

    @Test
    void finalStatusesAreFinal() {
        Order delivered = placed();
        delivered.confirm(T0);
        delivered.markShipped(T0);
        delivered.markDelivered(T0);
        Order rejected = placed();
        rejected.reject("no stock", T0);

        assertThatThrownBy(() -> delivered.cancel("too late", T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> rejected.cancel("too late", T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> rejected.confirm(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThat(List.of(OrderStatus.DELIVERED, OrderStatus.REJECTED, OrderStatus.CANCELLED)).allMatch(OrderStatus::isFinal);
    }

    @Test
    void anOrderIsNeitherShippedBeforeItIsConfirmedNorDeliveredBeforeItIsShipped() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0);

        assertThatThrownBy(() -> pending.markShipped(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> confirmed.markDelivered(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> confirmed.reject("no stock", T0)).isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void aRejectionOrCancellationNeedsAReason() {
        assertThatThrownBy(() -> placed().reject(" ", T0)).hasMessageContaining("reason");
        assertThatThrownBy(() -> placed().cancel(null, T0)).hasMessageContaining("reason");
    }

    @Test
    void replayingTheStreamRebuildsTheSameOrder() {
        Order original = placed();

        Order rebuilt = replayed(original, new OrderEvent.Confirmed(ID, T0.plusSeconds(1)),
                new OrderEvent.Cancelled(ID, "shipment failed", T0.plusSeconds(2)));

        assertThat(rebuilt.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rebuilt.version()).isEqualTo(3);
        assertThat(rebuilt.customerId()).isEqualTo(CUSTOMER);
        assertThat(rebuilt.lines()).isEqualTo(original.lines());
        assertThat(rebuilt.card()).isEqualTo(CARD);
        assertThat(rebuilt.hasBeen(OrderStatus.CONFIRMED)).isTrue();
        assertThat(rebuilt.hasBeen(OrderStatus.SHIPPED)).isFalse();
        assertThat(rebuilt.history()).extracting(Order.StatusChange::reason).containsExactly(null, null, "shipment failed");
    }

    @Test
    void anOrderIsNotRebuiltFromNothingNorFromAnotherOrdersEvents() {
        assertThatThrownBy(() -> Order.replay(ID, List.of())).hasMessageContaining("no events");
        assertThatThrownBy(() -> Order.replay(ID, List.of(new OrderEvent.Confirmed(OrderId.random(), T0))))
                .hasMessageContaining("applied to order " + ID);
    }

    @Test
    void anUnfinishedOrderHasADeadlineItsSagaDeadlineAfterItWasPlaced() {
        Order pending = placed();
        Order shipped = placed();
        shipped.confirm(T0.plusSeconds(5));
        shipped.markShipped(T0.plusSeconds(9));

        assertThat(pending.deadline(Duration.ofMinutes(10))).contains(T0.plusSeconds(600));
        assertThat(shipped.deadline(Duration.ofMinutes(10))).contains(T0.plusSeconds(600));
        assertThat(shipped.placedAt()).isEqualTo(T0);
        assertThat(shipped.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void aFinishedOrderHasNoDeadlineAndIsNeverOverdue() {
        Order rejected = placed();
        rejected.reject("no stock", T0);

        assertThat(rejected.deadline(Duration.ofMinutes(10))).isEmpty();
        assertThat(rejected.isOverdue(Duration.ofMinutes(10), T0.plus(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> rejected.cancelOverdue(Duration.ofMinutes(10), T0.plus(Duration.ofDays(1))))
                .isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void anUnpaidOrderUnfinishedAtItsDeadlineIsCancelledBecauseTheDeadlinePassed() {
        Order pending = placed();
        Instant deadline = T0.plusSeconds(600);

        assertThat(pending.isOverdue(Duration.ofMinutes(10), deadline.minusMillis(1))).isFalse();
        assertThat(pending.isOverdue(Duration.ofMinutes(10), deadline)).isTrue();
        OrderEvent cancelled = pending.cancelOverdue(Duration.ofMinutes(10), deadline);

        assertThat(cancelled).isInstanceOf(OrderEvent.Cancelled.class);
        assertThat(cancelled.reason()).isEqualTo(Order.DEADLINE_PASSED);
        assertThat(pending.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(pending.wasGivenUp()).isTrue();
    }

    @Test
    void aPaidOrderAtItsDeadlineIsGivenUpThroughFulfillmentAndThenHasNoDeadline() {
        Order confirmed = placed();
        confirmed.confirm(T0.plusSeconds(1));
        Order shipped = shipped();

        OrderEvent requested = confirmed.cancelOverdue(Duration.ofMinutes(10), T0.plusSeconds(600));
        shipped.cancelOverdue(Duration.ofMinutes(10), T0.plusSeconds(600));

        assertThat(requested).isEqualTo(new OrderEvent.CancellationRequested(ID, Order.DEADLINE_PASSED, T0.plusSeconds(600)));
        assertThat(List.of(confirmed.status(), shipped.status())).containsOnly(OrderStatus.CANCELLING);
        // It waits for fulfillment's answer however long that takes: cancelling it again would refund goods that may be
        // with the customer. Its deadline still says since when it is late.
        assertThat(confirmed.deadline(Duration.ofMinutes(10))).contains(T0.plusSeconds(600));
        assertThat(confirmed.isOverdue(Duration.ofMinutes(10), T0.plus(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> confirmed.cancelOverdue(Duration.ofMinutes(10), T0.plus(Duration.ofDays(1))))
                .isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void anOrderBeingCancelledEndsCancelledForItsReasonWhenFulfillmentStoppedTheShipment() {
        Order order = placed();
        order.confirm(T0);
        order.cancelByShopper("wrong size", T0.plusSeconds(1));

        OrderEvent.Cancelled cancelled = order.cancelAsRequested(T0.plusSeconds(2));

        assertThat(cancelled.reason()).isEqualTo("cancelled by the shopper: wrong size");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.wasCancelledByShopper()).isTrue();
        assertThat(order.wasGivenUp()).isTrue();
        assertThatThrownBy(() -> order.cancelAsRequested(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> shipped().cancelAsRequested(T0)).isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void anOrderBeingCancelledEndsDeliveredWhenTheParcelArrivedFirst() {
        Order order = placed();
        order.confirm(T0);
        order.cancelByStaff("customer called", T0.plusSeconds(1));

        order.markDelivered(T0.plusSeconds(2));

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.wasGivenUp()).isFalse();
        assertThatThrownBy(() -> order.cancelAsRequested(T0)).isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void anOrderIsNotCancelledForItsDeadlineBeforeTheDeadline() {
        Order pending = placed();

        assertThatThrownBy(() -> pending.cancelOverdue(Duration.ofMinutes(10), T0.plusSeconds(599)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not overdue");
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.version()).isEqualTo(1);
    }

    @Test
    void aPendingOrConfirmedOrderWhoseStockWasReleasedIsCancelledBecauseItsReservationExpired() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0);

        OrderEvent first = pending.cancelForReleasedStock(T0.plusSeconds(900));
        OrderEvent second = confirmed.cancelForReleasedStock(T0.plusSeconds(900));

        assertThat(List.of(first.reason(), second.reason())).containsOnly(Order.RESERVATION_EXPIRED);
        assertThat(List.of(pending.status(), confirmed.status())).containsExactly(OrderStatus.CANCELLED, OrderStatus.CANCELLING);
        assertThat(pending.wasGivenUp()).isTrue();
    }

    @Test
    void releasedStockDoesNotCancelAShippedOrFinishedOrder() {
        Order shipped = placed();
        shipped.confirm(T0);
        shipped.markShipped(T0);
        Order declined = placed();
        declined.cancel("payment declined", T0);

        assertThatThrownBy(() -> shipped.cancelForReleasedStock(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> declined.cancelForReleasedStock(T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void onlyACancellationForRunningOutOfTimeOrByAPersonCountsAsGivenUp() {
        Order declined = placed();
        declined.cancel("payment declined", T0);
        Order pending = placed();

        assertThat(declined.wasGivenUp()).isFalse();
        assertThat(pending.wasGivenUp()).isFalse();
    }

    @Test
    void aShopperCancelsAPendingOrConfirmedOrderSayingItWasThem() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0);

        OrderEvent first = pending.cancelByShopper(null, T0.plusSeconds(60));
        OrderEvent second = confirmed.cancelByShopper("  found it\ncheaper\telsewhere ", T0.plusSeconds(60));
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CANCELLING);
        confirmed.cancelAsRequested(T0.plusSeconds(60));

        assertThat(first.reason()).isEqualTo(Order.CANCELLED_BY_SHOPPER);
        assertThat(second.reason()).isEqualTo("cancelled by the shopper: found it cheaper elsewhere");
        assertThat(List.of(pending.status(), confirmed.status())).containsOnly(OrderStatus.CANCELLED);
        assertThat(List.of(pending.wasCancelledByShopper(), confirmed.wasCancelledByShopper())).containsOnly(true);
        // A capture or a rejection arriving afterwards is late, as after a deadline: the cancellation stands.
        assertThat(List.of(pending.wasGivenUp(), confirmed.wasGivenUp())).containsOnly(true);
        assertThat(confirmed.lastChange()).isEqualTo(new Order.StatusChange(OrderStatus.CANCELLED, T0.plusSeconds(60), second.reason()));
    }

    @Test
    void staffCancelAPendingOrConfirmedOrderSayingItWasThemAndNothingLater() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0);
        Order shipped = shipped();

        OrderEvent first = pending.cancelByStaff("stuck waiting\nfor payment", T0);
        confirmed.cancelByStaff("out of stock in the warehouse", T0);
        confirmed.cancelAsRequested(T0);

        assertThat(first.reason()).isEqualTo("cancelled by staff: stuck waiting for payment");
        assertThat(List.of(pending.wasGivenUp(), confirmed.wasGivenUp())).containsOnly(true);
        assertThat(pending.wasCancelledByShopper()).isFalse();
        assertThatThrownBy(() -> shipped.cancelByStaff("too late", T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> pending.cancelByStaff("again", T0)).isInstanceOf(IllegalOrderTransition.class);
        assertThatThrownBy(() -> placed().cancelByStaff(" ", T0)).hasMessageContaining("reason");
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void aShopperCannotCancelAnOrderThatShippedOrEnded() {
        Order shipped = placed();
        shipped.confirm(T0);
        shipped.markShipped(T0);
        Order delivered = placed();
        delivered.confirm(T0);
        delivered.markShipped(T0);
        delivered.markDelivered(T0);
        Order rejected = placed();
        rejected.reject("insufficient stock: BOOK-001", T0);
        Order cancelled = placed();
        cancelled.cancelByShopper(null, T0);
        Order cancelling = placed();
        cancelling.confirm(T0);
        cancelling.cancelByShopper(null, T0);

        for (Order order : List.of(shipped, delivered, rejected, cancelled, cancelling)) {
            OrderStatus before = order.status();
            int version = order.version();
            assertThatThrownBy(() -> order.cancelByShopper(null, T0)).isInstanceOf(IllegalOrderTransition.class);
            assertThat(order.status()).isEqualTo(before);
            assertThat(order.version()).isEqualTo(version);
        }
    }

    @Test
    void onlyTheShoppersOwnCancellationCountsAsCancelledByTheShopper() {
        Order declined = placed();
        declined.cancel("payment declined", T0);
        Order overdue = placed();
        overdue.cancelOverdue(Duration.ofMinutes(10), T0.plusSeconds(600));
        Order pending = placed();

        assertThat(List.of(declined, overdue, pending)).noneMatch(Order::wasCancelledByShopper);
    }

    @Test
    void aShoppersCancellationReplaysAsTheSameCancellation() {
        Order order = placed();
        OrderEvent cancelled = order.cancelByShopper("changed my mind", T0.plusSeconds(5));

        Order again = replayed(order, cancelled);

        assertThat(again.wasCancelledByShopper()).isTrue();
        assertThat(again.history()).isEqualTo(order.history());
        assertThat(again.entered(OrderStatus.CANCELLED)).contains(order.lastChange());
        assertThat(again.entered(OrderStatus.SHIPPED)).isEmpty();
    }

    @Test
    void eachEventIsNamedAsItIsPublished() {
        assertThat(List.of(new OrderEvent.Confirmed(ID, T0), new OrderEvent.Rejected(ID, "short", T0),
                new OrderEvent.CancellationRequested(ID, "late", T0), new OrderEvent.Cancelled(ID, "late", T0),
                new OrderEvent.Shipped(ID, T0), new OrderEvent.Delivered(ID, T0)))
                .extracting(OrderEvent::type)
                .containsExactly("OrderConfirmed", "OrderRejected", "OrderCancellationRequested", "OrderCancelled", "OrderShipped",
                        "OrderDelivered");
    }

    private static Order shipped() {
        Order shipped = placed();
        shipped.confirm(T0);
        shipped.markShipped(T0);
        return shipped;
    }
}
