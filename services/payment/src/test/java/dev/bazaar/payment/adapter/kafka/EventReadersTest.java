package dev.bazaar.payment.adapter.kafka;

import java.util.UUID;

import dev.bazaar.payment.charge.Money;
import dev.bazaar.payment.charge.application.PaymentProcessing;
import dev.bazaar.platform.testing.Contracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payment's readers of other contexts' events understand every example their producers promise. */
class EventReadersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID EXAMPLE_ORDER = UUID.fromString("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");

    @Test
    void readsOrderPlaced() {
        for (String example : Contracts.examples("ordering", "OrderPlaced")) {
            PaymentProcessing.OrderPlaced placed = read(example, OrderingEvents.OrderPlacedView.class).toCommand();

            assertThat(placed.orderId()).isEqualTo(EXAMPLE_ORDER);
            assertThat(placed.customerId()).isEqualTo(UUID.fromString("0b6f1e52-8c1d-4f6a-9e2b-5d3c7a8b9c0d"));
            assertThat(placed.total()).isEqualTo(Money.of("79.80", "EUR"));
            assertThat(placed.cardLast4()).isEqualTo("4242");
            assertThat(placed.cardKeyId()).isEqualTo("0f8b4a1e-3c52-4d8e-9a77-2f1b6c9d0e41");
            assertThat(placed.encryptedCard()).startsWith("eyJ");
        }
    }

    @Test
    void readsOrderCancelled() {
        for (String example : Contracts.examples("ordering", "OrderCancelled")) {
            assertThat(read(example, OrderingEvents.OrderCancelledView.class).toCommand())
                    .isEqualTo(new PaymentProcessing.OrderCancelled(EXAMPLE_ORDER, "payment declined"));
        }
    }

    @Test
    void readsStockReserved() {
        for (String example : Contracts.examples("inventory", "StockReserved")) {
            assertThat(read(example, InventoryEvents.StockReservedView.class).toCommand())
                    .isEqualTo(new PaymentProcessing.StockReserved(EXAMPLE_ORDER));
        }
    }

    @Test
    void readsStockRejected() {
        for (String example : Contracts.examples("inventory", "StockRejected")) {
            assertThat(read(example, InventoryEvents.StockRejectedView.class).toCommand())
                    .isEqualTo(new PaymentProcessing.StockRejected(EXAMPLE_ORDER, "insufficient stock"));
        }
    }

    /** What a view's reading throws, the chassis dead-letters at once as a malformed event. */
    @Test
    void anOrderPlacedThatBreaksItsContractIsMalformed() {
        String customer = "\"customerId\":\"" + UUID.randomUUID() + "\",";
        String payment = "\"payment\":{\"cardLast4\":\"4242\",\"encryptedCard\":\"x\",\"keyId\":\"k\"}";
        String withoutPayment = "{\"orderId\":\"" + EXAMPLE_ORDER + "\"," + customer + "\"total\":{\"amount\":1,\"currency\":\"EUR\"}}";
        String badId = "{\"orderId\":\"42\"," + customer + "\"total\":{\"amount\":1,\"currency\":\"EUR\"}," + payment + "}";
        String withoutCustomer = "{\"orderId\":\"" + EXAMPLE_ORDER + "\",\"total\":{\"amount\":1,\"currency\":\"EUR\"}," + payment + "}";

        assertThatThrownBy(() -> read(withoutPayment, OrderingEvents.OrderPlacedView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payment");
        assertThatThrownBy(() -> read(badId, OrderingEvents.OrderPlacedView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
        assertThatThrownBy(() -> read(withoutCustomer, OrderingEvents.OrderPlacedView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customerId");
    }

    @Test
    void aLoggedOrderPlacedViewCarriesNoCiphertext() {
        String example = Contracts.examples("ordering", "OrderPlaced").get(0);

        assertThat(read(example, OrderingEvents.OrderPlacedView.class).toString()).doesNotContain("aGVsbG8gd29ybGQ=");
    }

    /** As the chassis' InboundEvent reads a payload: unknown fields are ignored. */
    private static <T> T read(String json, Class<T> view) {
        return JSON.readerFor(view).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
    }
}
