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
    void withPaymentAwayAPendingOrderIsWaitingForPaymentNotFailed() {
        assertThat(Words.explain(overview("PENDING", null, "unavailable"))).contains("placed").contains("as soon as it is back");
        assertThat(Words.explain(overview("PENDING", null, "none"))).doesNotContain("catching up");
    }

    @Test
    void statusesReadAsAShopperWouldSayThem() {
        assertThat(List.of("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED").stream().map(Words::label))
                .containsExactly("Received", "Paid, being packed", "Shipped", "Delivered");
        assertThat(Words.ended("DELIVERED")).isTrue();
        assertThat(Words.ended("SHIPPED")).isFalse();
    }

    @Test
    void pricesReadWithTheirCurrency() {
        assertThat(new Money(new BigDecimal("39.9"), "EUR").text()).isEqualTo("€39.90");
    }

    private static OrderOverview overview(String status, String reason, String paymentState) {
        Order order = new Order("o-1", status, List.of(), new Money(BigDecimal.TEN, "EUR"), null,
                List.of(new HistoryEntry("PENDING", Instant.EPOCH, null), new HistoryEntry(status, Instant.EPOCH, reason)));
        return new OrderOverview("o-1", new Part<>("ok", order, null), new Part<>(paymentState, null, null), new Part<>("none", null, null));
    }
}
