package dev.bazaar.ordering.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.replica.CatalogPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cart priced from catalog's latest word, showing how each price moved since the product was added. */
class CartTest {

    private static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());
    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2025-03-04T09:00:00Z");

    private static CatalogPrice product(String sku, String price) {
        return product(sku, price, "EUR");
    }

    private static CatalogPrice product(String sku, String price, String currency) {
        return new CatalogPrice(new Sku(sku), "Product " + sku, Money.of(price, currency));
    }

    private static Map<Sku, CatalogPrice> known(CatalogPrice... products) {
        Map<Sku, CatalogPrice> known = new HashMap<>();
        for (CatalogPrice product : products) {
            known.put(product.sku(), product);
        }
        return known;
    }

    private static Cart empty() {
        return new Cart(CUSTOMER, List.of());
    }

    @Test
    void linesArePricedNowAndTheTotalIsTheirSum() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90"), 3, MONDAY);
        cart.set(product("GARD-005", "9.90"), 10, MONDAY);

        PricedCart priced = cart.price(known(product("BOOK-001", "39.90"), product("GARD-005", "9.90")), "EUR");

        assertThat(priced.lines()).extracting(PricedCart.Line::lineTotal)
                .containsExactly(new Amount(new BigDecimal("119.70"), "EUR"), new Amount(new BigDecimal("99.00"), "EUR"));
        assertThat(priced.total()).isEqualTo(new Amount(new BigDecimal("218.70"), "EUR"));
        assertThat(priced.total().amount()).hasToString("218.70");
        assertThat(priced.count()).isEqualTo(13);
        assertThat(priced.lines()).allSatisfy(line -> assertThat(line.priceChanged()).isFalse());
    }

    @Test
    void aPriceThatMovedSinceTheItemWasAddedShowsBothPricesAndTheTotalIsAtThePriceOfNow() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90"), 2, MONDAY);

        PricedCart priced = cart.price(known(product("BOOK-001", "35.00")), "EUR");

        assertThat(priced.lines()).singleElement().satisfies(line -> {
            assertThat(line.priceChanged()).isTrue();
            assertThat(line.priceWhenAdded()).isEqualTo(Money.of("39.90", "EUR"));
            assertThat(line.unitPrice()).isEqualTo(Money.of("35.00", "EUR"));
            assertThat(line.name()).isEqualTo("Product BOOK-001");
        });
        assertThat(priced.total()).isEqualTo(new Amount(new BigDecimal("70.00"), "EUR"));
    }

    @Test
    void changingTheQuantityKeepsThePriceTheItemWasAddedAt() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90"), 1, MONDAY);

        CartItem changed = cart.set(product("BOOK-001", "35.00"), 4, TUESDAY);

        assertThat(changed).isEqualTo(new CartItem(new Sku("BOOK-001"), 4, Money.of("39.90", "EUR"), MONDAY));
        assertThat(cart.items()).containsExactly(changed);
    }

    @Test
    void aProductTakenOutAndAddedAgainIsAddedAtThePriceOfNow() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90"), 1, MONDAY);

        assertThat(cart.remove(new Sku("BOOK-001"))).isTrue();
        assertThat(cart.remove(new Sku("BOOK-001"))).isFalse();
        cart.set(product("BOOK-001", "35.00"), 1, TUESDAY);

        assertThat(cart.price(known(product("BOOK-001", "35.00")), "EUR").lines())
                .singleElement().satisfies(line -> assertThat(line.priceChanged()).isFalse());
    }

    @Test
    void aProductOrderingNoLongerKnowsIsUnavailableUnpricedAndLeftOutOfTheTotal() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90"), 1, MONDAY);
        cart.set(product("GONE-001", "5.00"), 2, MONDAY);

        PricedCart priced = cart.price(known(product("BOOK-001", "39.90")), "EUR");

        assertThat(priced.lines()).filteredOn(line -> !line.available()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo(new Sku("GONE-001"));
            assertThat(line.unitPrice()).isNull();
            assertThat(line.lineTotal()).isNull();
            assertThat(line.name()).isNull();
            assertThat(line.priceChanged()).isFalse();
            assertThat(line.priceWhenAdded()).isEqualTo(Money.of("5.00", "EUR"));
        });
        assertThat(priced.total()).isEqualTo(new Amount(new BigDecimal("39.90"), "EUR"));
        assertThat(priced.count()).isEqualTo(3);
    }

    @Test
    void anEmptyCartCostsZeroInTheCatalogsCurrencyOrNothingStatedWhileNoProductIsKnown() {
        assertThat(empty().price(Map.of(), "EUR")).isEqualTo(new PricedCart(List.of(), Amount.zero("EUR"), 0));
        assertThat(empty().price(Map.of(), "EUR").total().amount()).hasToString("0.00");
        assertThat(empty().price(Map.of(), null).total()).isNull();
    }

    @Test
    void itemsInTwoCurrenciesHaveNoTotalAsNoOrderCouldBePaidInBoth() {
        Cart cart = empty();
        cart.set(product("BOOK-001", "39.90", "EUR"), 1, MONDAY);
        cart.set(product("BOOK-002", "10.00", "USD"), 1, MONDAY);

        PricedCart priced = cart.price(known(product("BOOK-001", "39.90", "EUR"), product("BOOK-002", "10.00", "USD")), "EUR");

        assertThat(priced.total()).isNull();
        assertThat(priced.lines()).extracting(PricedCart.Line::lineTotal).doesNotContainNull();
    }

    @Test
    void aCartHoldsAsManyProductsAsOneOrderAndAnyQuantityOfThem() {
        Cart cart = empty();
        for (int i = 0; i < Cart.MAX_ITEMS; i++) {
            cart.set(product("SKU-" + i, "1.00"), 1, MONDAY);
        }

        assertThatThrownBy(() -> cart.set(product("SKU-50", "1.00"), 1, MONDAY)).isInstanceOf(Cart.Full.class)
                .hasMessageContaining("at most 50");
        assertThat(cart.set(product("SKU-0", "1.00"), 1000, TUESDAY).quantity()).isEqualTo(1000);
        assertThat(cart.items()).hasSize(50);
    }

    @Test
    void aQuantityIsBetweenOneAndAThousand() {
        Cart cart = empty();

        assertThatThrownBy(() -> cart.set(product("BOOK-001", "1.00"), 0, MONDAY)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> cart.set(product("BOOK-001", "1.00"), 1001, MONDAY)).hasMessageContaining("between 1 and 1000");
        assertThat(cart.isEmpty()).isTrue();
    }

    @Test
    void aCartBeyondWhatOneAmountMayBeIsStillShownItsCheckoutRefusesIt() {
        Cart cart = empty();
        cart.set(product("GEM-001", "9000000000.00"), 2, MONDAY);

        assertThat(cart.price(known(product("GEM-001", "9000000000.00")), "EUR").total().amount()).hasToString("18000000000.00");
    }
}
