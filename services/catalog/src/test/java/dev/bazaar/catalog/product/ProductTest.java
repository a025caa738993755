package dev.bazaar.catalog.product;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductTest {

    private final Product book = new Product(new Sku("BOOK-1"), "A book", "", "books", Money.of("10.00", "EUR"));

    @Test
    void changingThePriceAnnouncesOldAndNewPrice() {
        ProductEvent.PriceChanged changed = book.changePrice(Money.of("12.50", "EUR"));

        assertThat(book.price()).isEqualTo(Money.of("12.50", "EUR"));
        assertThat(changed.oldPrice()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(changed.newPrice()).isEqualTo(Money.of("12.50", "EUR"));
    }

    @Test
    void refusesToChangeThePriceToTheSamePrice() {
        assertThatThrownBy(() -> book.changePrice(Money.of("10", "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    @Test
    void aPriceIsPositiveWithAtMostTwoDecimals() {
        assertThatThrownBy(() -> Money.of("0", "EUR")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Money.of("1.005", "EUR")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Money.of("1", "euro")).hasMessageContaining("ISO 4217");
        assertThat(Money.of("1.5", "EUR").amount()).hasToString("1.50");
    }

    @Test
    void aProductNeedsANameAndACategory() {
        assertThatThrownBy(() -> new Product(new Sku("X1"), " ", "", "books", Money.of("1", "EUR"))).hasMessageContaining("name");
        assertThatThrownBy(() -> new Product(new Sku("X1"), "n", "", null, Money.of("1", "EUR"))).hasMessageContaining("category");
    }

    @Test
    void aSkuHasAFixedShape() {
        assertThatThrownBy(() -> new Sku("book 1")).hasMessageContaining("SKU");
        assertThat(new Sku("BOOK-1")).hasToString("BOOK-1");
    }
}
