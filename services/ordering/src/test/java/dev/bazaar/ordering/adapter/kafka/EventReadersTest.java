package dev.bazaar.ordering.adapter.kafka;

import java.util.List;

import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.platform.testing.Contracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordering's readers understand every example the producers promise, ignoring what they do not need. */
class EventReadersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads as {@code InboundEvent.payload(view)} does: unknown fields are ignored. */
    private static <T> List<T> examples(String producer, String type, Class<T> view) {
        List<T> read = Contracts.examples(producer, type).stream()
                .map(json -> JSON.readerFor(view).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).<T>readValue(json))
                .toList();
        assertThat(read).isNotEmpty();
        return read;
    }

    @Test
    void readsCatalogsProductsAndPrices() {
        assertThat(examples("catalog", "ProductAdded", CatalogEvents.ProductAddedView.class)).allSatisfy(e -> {
            assertThat(e.sku()).isEqualTo("BOOK-001");
            assertThat(e.name()).isNotBlank();
            assertThat(e.price().amount()).isPositive();
            assertThat(e.price().currency()).isEqualTo("EUR");
        });
        assertThat(examples("catalog", "ProductPriceChanged", CatalogEvents.ProductPriceChangedView.class)).allSatisfy(e -> {
            assertThat(e.sku()).isEqualTo("BOOK-001");
            assertThat(e.newPrice().amount()).isEqualByComparingTo("35.00");
        });
    }

    @Test
    void readsInventorysRejectionWithItsShortages() {
        assertThat(examples("inventory", "StockRejected", InventoryEvents.StockRejectedView.class)).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
            assertThat(e.describe()).isEqualTo("insufficient stock: BOOK-001");
        });
    }

    @Test
    void aRejectionNamesEachShortSkuOnce() {
        List<InventoryEvents.ShortageView> shortages = List.of(new InventoryEvents.ShortageView("HOME-006", 2, 1),
                new InventoryEvents.ShortageView("BOOK-001", 1, 0));

        assertThat(new InventoryEvents.StockRejectedView("o-1", "insufficient stock of HOME-006", shortages).describe())
                .isEqualTo("insufficient stock of HOME-006: BOOK-001");
        assertThat(new InventoryEvents.StockRejectedView("o-1", "insufficient stock of HOME-006, BOOK-001", shortages).describe())
                .isEqualTo("insufficient stock of HOME-006, BOOK-001");
        assertThat(new InventoryEvents.StockRejectedView("o-1", null, List.of()).describe()).isEqualTo("insufficient stock");
    }

    @Test
    void readsInventorysReleaseOfAnOrdersStock() {
        assertThat(examples("inventory", "StockReleased", InventoryEvents.StockReleasedView.class)).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
            assertThat(e.reason()).isNotBlank();
        });
    }

    @Test
    void readsPaymentsOutcomesAndItsKey() {
        assertThat(examples("payment", "PaymentCaptured", PaymentEvents.PaymentCapturedView.class)).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
            assertThat(e.amount().amount()).isEqualByComparingTo("79.80");
            assertThat(e.amount().currency()).isEqualTo("EUR");
        });
        assertThat(examples("payment", "PaymentDeclined", PaymentEvents.PaymentDeclinedView.class)).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
            assertThat(e.reason()).isEqualTo("card declined");
        });
        assertThat(examples("payment", "CardKeysOffered", PaymentEvents.CardKeysOfferedView.class)).allSatisfy(e ->
                assertThat(e.toKeys()).extracting(CardEncryptionKey::keyId).containsExactly("0f8b4a1e-3c52-4d8e-9a77-2f1b6c9d0e41"));
    }

    @Test
    void readsFulfillmentsShipments() {
        assertThat(examples("fulfillment", "ShipmentShipped", FulfillmentEvents.ShipmentView.class))
                .allSatisfy(e -> assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b"));
        assertThat(examples("fulfillment", "ShipmentDelivered", FulfillmentEvents.ShipmentView.class))
                .allSatisfy(e -> assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b"));
        assertThat(examples("fulfillment", "ShipmentFailed", FulfillmentEvents.ShipmentFailedView.class)).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
            assertThat(e.reason()).isEqualTo("carrier does not deliver to AQ");
        });
    }
}
