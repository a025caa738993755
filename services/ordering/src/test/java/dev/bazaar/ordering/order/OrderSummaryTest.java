package dev.bazaar.ordering.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderSummaryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final OrderId ID = OrderId.random();
    private static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());

    private static Order placed() {
        Order order = Order.create(ID);
        order.place(CUSTOMER, List.of(new OrderLine(new Sku("BOOK-001"), "A Book", 2, Money.of("39.90", "EUR"))),
                new CardReference("4242", "k-1"), T0);
        return order;
    }

    @Test
    void summarisesAnOrderAsItsCustomerSeesItInTheList() {
        Order order = placed();
        order.confirm(T0.plusSeconds(3));

        OrderSummary summary = OrderSummary.of(order);

        assertThat(summary).isEqualTo(new OrderSummary(ID, CUSTOMER, OrderStatus.CONFIRMED, Money.of("79.80", "EUR"),
                T0, T0.plusSeconds(3), 2));
    }

    @Test
    void theSummaryOfAReplayedOrderEqualsTheOneKeptWhileItChanged() {
        Order live = placed();
        live.confirm(T0.plusSeconds(1));
        OrderEvent.Cancelled cancelled = live.cancel("carrier refused", T0.plusSeconds(2));

        Order replayed = Order.replay(ID, List.of(
                new OrderEvent.Placed(ID, CUSTOMER, live.lines(), live.total(), live.card(), T0),
                new OrderEvent.Confirmed(ID, T0.plusSeconds(1)), cancelled));

        assertThat(OrderSummary.of(replayed)).isEqualTo(OrderSummary.of(live));
    }

    @Test
    void anOrderNotPlacedHasNoSummary() {
        assertThatThrownBy(() -> OrderSummary.of(Order.create(ID))).hasMessageContaining("not placed");
    }
}
