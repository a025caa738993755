package dev.bazaar.ordering.order.application;

import java.util.List;
import java.util.UUID;

import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Sku;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes a retried checkout the same request as the first, for its Idempotency-Key. */
class PlaceOrderTest {

    private static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());
    private static final String CARD = "4242424242424242";

    private static Checkout.PlaceOrder request(CustomerId customer, String card, Checkout.Item... items) {
        return new Checkout.PlaceOrder(customer, List.of(items), CardNumber.parse(card), "key-1");
    }

    private static Checkout.Item item(String sku, int quantity) {
        return new Checkout.Item(new Sku(sku), quantity);
    }

    @Test
    void theSameRequestHasTheSameFingerprintWhateverTheOrderOfItsLines() {
        String first = request(CUSTOMER, CARD, item("BOOK-001", 2), item("HOME-002", 1)).fingerprint();
        String retry = request(CUSTOMER, CARD, item("HOME-002", 1), item("BOOK-001", 2)).fingerprint();

        assertThat(retry).isEqualTo(first);
    }

    @Test
    void anotherCustomerQuantitySkuOrCardMakesAnotherRequest() {
        String first = request(CUSTOMER, CARD, item("BOOK-001", 2)).fingerprint();

        assertThat(List.of(
                request(new CustomerId(UUID.randomUUID()), CARD, item("BOOK-001", 2)).fingerprint(),
                request(CUSTOMER, CARD, item("BOOK-001", 3)).fingerprint(),
                request(CUSTOMER, CARD, item("BOOK-002", 2)).fingerprint(),
                request(CUSTOMER, CARD, item("BOOK-001", 2), item("HOME-002", 1)).fingerprint(),
                request(CUSTOMER, "4000000000000002", item("BOOK-001", 2)).fingerprint()))
                .doesNotContain(first).doesNotHaveDuplicates();
    }

    @Test
    void theFingerprintKeepsNothingOfTheCardButItsLastFourDigits() {
        String fingerprint = request(CUSTOMER, CARD, item("BOOK-001", 2)).fingerprint();

        assertThat(fingerprint).hasSize(64).matches("[0-9a-f]+").doesNotContain("42424242");
    }

    @Test
    void aCartCheckoutIsTheSameRequestForTheSameCustomerAndCardWhateverTheCartHeldAndNeverAnOrderOfLines() {
        String first = new Checkout.PlaceCart(CUSTOMER, CardNumber.parse(CARD), "key-1").fingerprint();

        assertThat(new Checkout.PlaceCart(CUSTOMER, CardNumber.parse(CARD), "key-1").fingerprint()).isEqualTo(first);
        assertThat(List.of(
                new Checkout.PlaceCart(new CustomerId(UUID.randomUUID()), CardNumber.parse(CARD), "key-1").fingerprint(),
                new Checkout.PlaceCart(CUSTOMER, CardNumber.parse("4000000000000002"), "key-1").fingerprint(),
                request(CUSTOMER, CARD, item("BOOK-001", 2)).fingerprint()))
                .doesNotContain(first);
        assertThat(first).hasSize(64).doesNotContain("42424242");
    }
}
