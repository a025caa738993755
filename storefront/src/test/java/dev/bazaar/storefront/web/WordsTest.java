package dev.bazaar.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.bazaar.storefront.api.Model.HistoryEntry;
import dev.bazaar.storefront.api.Model.Money;
import dev.bazaar.storefront.api.Model.Order;
import dev.bazaar.storefront.api.Model.OrderOverview;
import dev.bazaar.storefront.api.Model.Part;
import dev.bazaar.storefront.api.Model.PaymentState;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void aDeclinedCardIsExplainedWithWhatToDoNext() {
        assertThat(Words.explain(overview("CANCELLED", "payment declined", "ok")))
                .contains("card was declined").contains("no money was taken").contains("another card");
    }

    @Test
    void anOutOfStockRejectionSaysNothingWasCharged() {
        assertThat(Words.explain(overview("REJECTED", "insufficient stock", "none")))
                .contains("sold out").contains("nothing was charged");
    }

    @Test
    void anOrderBeingCancelledSaysTheRefundWaitsForTheParcelToBeStopped() {
        assertThat(Words.explain(overview("CANCELLING", "cancelled by the shopper: wrong size", "ok")))
                .startsWith("You cancelled this order.").contains("stopping its parcel").contains("refunded");
        assertThat(Words.explain(overview("CANCELLING", "deadline passed", "ok"))).startsWith("This order is being cancelled.");
    }

    @Test
    void withPaymentAwayAPendingOrderIsWaitingForPaymentNotFailed() {
        assertThat(Words.explain(overview("PENDING", null, "unavailable"))).contains("placed").contains("as soon as it is back");
        assertThat(Words.explain(overview("PENDING", null, "none"))).doesNotContain("catching up");
    }

    @Test
    void statusesReadAsAShopperWouldSayThem() {
        assertThat(List.of("PENDING", "CONFIRMED", "SHIPPED", "CANCELLING", "DELIVERED").stream().map(Words::label))
                .containsExactly("Received", "Paid, being packed", "Shipped", "Being cancelled", "Delivered");
    }

    @Test
    void anOrderPageFollowsAnEndedOrderUntilItsMoneyHasSettled() {
        assertThat(Words.settled(paid("SHIPPED", "CAPTURED"))).as("shipped, not yet delivered").isFalse();
        assertThat(Words.settled(paid("CANCELLING", "CAPTURED"))).as("being cancelled, fulfillment not heard yet").isFalse();
        assertThat(Words.settled(paid("DELIVERED", "CAPTURED"))).isTrue();
        assertThat(Words.settled(paid("CANCELLED", "CAPTURED"))).as("cancelled, before payment starts the refund").isFalse();
        assertThat(Words.settled(paid("CANCELLED", "REFUNDING"))).isFalse();
        assertThat(Words.settled(paid("CANCELLED", "REFUNDED"))).isTrue();
        assertThat(Words.settled(paid("CANCELLED", "VOIDING"))).isFalse();
        assertThat(Words.settled(paid("REJECTED", "VOIDED"))).isTrue();
        assertThat(Words.settled(paid("CANCELLED", "DECLINED"))).isTrue();
        assertThat(Words.settled(overview("CANCELLED", "deadline passed", "unavailable"))).as("payment away").isFalse();
    }

    @Test
    void pricesReadWithTheirCurrency() {
        assertThat(new Money(new BigDecimal("39.9"), "EUR").text()).isEqualTo("€39.90");
    }

    private static OrderOverview paid(String status, String paymentStatus) {
        OrderOverview overview = overview(status, null, "ok");
        return new OrderOverview(overview.id(), overview.order(),
                new Part<>("ok", new PaymentState(paymentStatus, new Money(BigDecimal.TEN, "EUR"), "4242"), null), overview.shipment());
    }

    private static OrderOverview overview(String status, String reason, String paymentState) {
        Order order = new Order("o-1", status, List.of(), new Money(BigDecimal.TEN, "EUR"), null,
                List.of(new HistoryEntry("PENDING", Instant.EPOCH, null), new HistoryEntry(status, Instant.EPOCH, reason)));
        return new OrderOverview("o-1", new Part<>("ok", order, null), new Part<>(paymentState, null, null), new Part<>("none", null, null));
    }
}
