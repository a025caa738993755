package dev.bazaar.ordering.order;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTest {

    private static OrderLine line(String sku, int quantity, String price, String currency) {
        return new OrderLine(new Sku(sku), sku, quantity, Money.of(price, currency));
    }

    @Test
    void theTotalIsTheSumOfUnitPriceTimesQuantity() {
        Money total = Order.total(List.of(line("BOOK-001", 3, "39.90", "EUR"), line("GARD-005", 10, "9.90", "EUR")));

        assertThat(total).isEqualTo(Money.of("218.70", "EUR"));
        assertThat(total.amount()).hasToString("218.70");
    }

    @Test
    void anOrderIsPaidInOneCurrency() {
        assertThatThrownBy(() -> Order.total(List.of(line("BOOK-001", 1, "1.00", "EUR"), line("BOOK-002", 1, "1.00", "USD"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one currency").hasMessageContaining("BOOK-002");
    }

    @Test
    void anOrderHasBetweenOneAndFiftyLines() {
        List<OrderLine> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(line("SKU-" + i, 1, "1.00", "EUR"));
        }

        assertThatThrownBy(() -> Order.total(List.of())).hasMessageContaining("at least one line");
        assertThatThrownBy(() -> Order.total(fiftyOne)).hasMessageContaining("at most 50 lines");
        assertThat(Order.total(fiftyOne.subList(0, 50))).isEqualTo(Money.of("50", "EUR"));
    }

    @Test
    void anOrderNamesEachSkuOnce() {
        assertThatThrownBy(() -> Order.total(List.of(line("BOOK-001", 1, "1.00", "EUR"), line("BOOK-001", 2, "1.00", "EUR"))))
                .hasMessageContaining("BOOK-001 appears twice");
    }

    @Test
    void aLineOrdersBetweenOneAndAThousandItems() {
        assertThatThrownBy(() -> line("BOOK-001", 0, "1.00", "EUR")).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> line("BOOK-001", 1001, "1.00", "EUR")).hasMessageContaining("between 1 and 1000");
        assertThat(line("BOOK-001", 1000, "1.00", "EUR").subtotal()).isEqualTo(Money.of("1000", "EUR"));
    }

    @Test
    void moneyIsPositiveToTheCentInAnIsoCurrency() {
        assertThatThrownBy(() -> Money.of("0", "EUR")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Money.of("1.005", "EUR")).hasMessageContaining("two decimals");
        assertThat(Money.of("1.500", "EUR").amount()).hasToString("1.50");
        assertThatThrownBy(() -> Money.of("1", "euro")).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD"))).hasMessageContaining("USD");
        assertThat(Money.of("39.9", "EUR").amount()).hasToString("39.90");
    }
}
