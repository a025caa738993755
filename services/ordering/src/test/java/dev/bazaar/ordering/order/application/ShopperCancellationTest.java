package dev.bazaar.ordering.order.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.ordering.order.CardReference;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Order;
import dev.bazaar.ordering.order.OrderEvent;
import dev.bazaar.ordering.order.OrderId;
import dev.bazaar.ordering.order.OrderLine;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.Sku;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a shopper's cancellation decides, on the order as its stream has it: no I/O. */
class ShopperCancellationTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant NOW = T0.plusSeconds(120);
    private static final CustomerId SHOPPER = new CustomerId(UUID.randomUUID());

    private static Order placed() {
        Order order = Order.create(OrderId.random());
        order.place(SHOPPER, List.of(new OrderLine(new Sku("BOOK-001"), "A Book", 1, Money.of("10.00", "EUR"))),
                new CardReference("4242", "k-1"), T0);
        return order;
    }

    private static Optional<OrderEvent> decide(Order order, String note) {
        return ShopperCancellation.decide(order, new ShopperCancellation.CancelOrder(order.id(), SHOPPER, note), NOW);
    }

    @Test
    void aPendingOrConfirmedOrderIsCancelledForItsShopper() {
        Order pending = placed();
        Order confirmed = placed();
        confirmed.confirm(T0.plusSeconds(1));

        assertThat(decide(pending, null)).map(OrderEvent::reason).contains("cancelled by the shopper");
        assertThat(decide(confirmed, "wrong size")).map(OrderEvent::reason).contains("cancelled by the shopper: wrong size");
        // Paid: cancelled once fulfillment has stopped the shipment, so that nothing delivered is refunded.
        assertThat(List.of(pending.status(), confirmed.status())).containsExactly(OrderStatus.CANCELLED, OrderStatus.CANCELLING);
    }

    @Test
    void anOrderBeingCancelledIsLeftAsItIsWhoeverGaveItUp() {
        Order byShopper = placed();
        byShopper.confirm(T0);
        decide(byShopper, "first");
        Order byStaff = placed();
        byStaff.confirm(T0);
        byStaff.cancelByStaff("customer called", T0);

        assertThat(decide(byShopper, "second")).isEmpty();
        assertThat(decide(byStaff, null)).isEmpty();
        assertThat(List.of(byShopper.version(), byStaff.version())).containsOnly(3);
        assertThat(byStaff.lastChange().reason()).isEqualTo("cancelled by staff: customer called");
    }

    @Test
    void anOrderDeliveredWhileBeingCancelledIsRefusedAsDelivered() {
        Order order = placed();
        order.confirm(T0);
        decide(order, null);
        order.markDelivered(T0.plusSeconds(5));

        assertThatThrownBy(() -> decide(order, null)).isInstanceOf(ShopperCancellation.Refused.class)
                .hasMessageContaining("delivered on " + T0.plusSeconds(5))
                .extracting(e -> ((ShopperCancellation.Refused) e).problemType()).isEqualTo(ShopperCancellation.Refused.SHIPPED);
    }

    @Test
    void anOrderItsShopperCancelledAlreadyIsLeftAsItIsWhateverTheyNowSay() {
        Order order = placed();
        decide(order, "first");
        int version = order.version();

        assertThat(decide(order, null)).isEmpty();
        assertThat(decide(order, "second")).isEmpty();
        assertThat(order.version()).isEqualTo(version);
        assertThat(order.lastChange().reason()).isEqualTo("cancelled by the shopper: first");
    }

    @Test
    void anotherCustomersOrderIsUnknownAndUnchanged() {
        Order order = placed();
        CustomerId someoneElse = new CustomerId(UUID.randomUUID());

        assertThatThrownBy(() -> ShopperCancellation.decide(order, new ShopperCancellation.CancelOrder(order.id(), someoneElse, null), NOW))
                .isInstanceOf(UnknownOrder.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void aShippedOrDeliveredOrderIsRefusedAsShippedSayingWhen() {
        Order shipped = placed();
        shipped.confirm(T0.plusSeconds(1));
        shipped.markShipped(T0.plusSeconds(5));
        Order delivered = placed();
        delivered.confirm(T0.plusSeconds(1));
        delivered.markShipped(T0.plusSeconds(5));
        delivered.markDelivered(T0.plusSeconds(9));

        assertThatThrownBy(() -> decide(shipped, null)).isInstanceOfSatisfying(ShopperCancellation.Refused.class, refused -> {
            assertThat(refused.problemType()).isEqualTo("order-shipped");
            assertThat(refused.getMessage()).isEqualTo("This order has already shipped on 2026-11-27T12:00:05Z, so it can no "
                    + "longer be cancelled; it is on its way to you.");
        });
        assertThatThrownBy(() -> decide(delivered, null)).isInstanceOfSatisfying(ShopperCancellation.Refused.class, refused -> {
            assertThat(refused.problemType()).isEqualTo("order-shipped");
            assertThat(refused.getMessage()).contains("shipped on 2026-11-27T12:00:05Z").contains("delivered on 2026-11-27T12:00:09Z");
        });
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(delivered.status()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void anOrderThatEndedOtherwiseIsRefusedAsEndedWithItsReason() {
        Order rejected = placed();
        rejected.reject("insufficient stock: BOOK-001", T0.plusSeconds(1));
        Order declined = placed();
        declined.cancel("payment declined", T0.plusSeconds(1));
        Order lostInTransit = placed();
        lostInTransit.confirm(T0.plusSeconds(1));
        lostInTransit.markShipped(T0.plusSeconds(5));
        lostInTransit.cancelOverdue(Duration.ofMinutes(10), T0.plusSeconds(600));
        lostInTransit.cancelAsRequested(T0.plusSeconds(601));

        for (Order order : List.of(rejected, declined, lostInTransit)) {
            String reason = order.lastChange().reason();
            assertThatThrownBy(() -> decide(order, null)).isInstanceOfSatisfying(ShopperCancellation.Refused.class, refused -> {
                assertThat(refused.problemType()).isEqualTo("order-ended");
                assertThat(refused.getMessage()).contains(reason).contains("nothing left to cancel");
            });
        }
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
    }
}
