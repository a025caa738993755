package dev.bazaar.fulfillment.adapter.kafka;

import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.application.Shipping;
import dev.bazaar.platform.testing.Contracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fulfillment's readers of other contexts' events understand every example their producers promise. */
class EventReadersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID EXAMPLE_ORDER = UUID.fromString("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b");
    private static final UUID EXAMPLE_CUSTOMER = UUID.fromString("0b6f1e52-8c1d-4f6a-9e2b-5d3c7a8b9c0d");

    @Test
    void readsCustomerRegistered() {
        for (String example : Contracts.examples("customer", "CustomerRegistered")) {
            assertThat(read(example, CustomerEvents.CustomerAddressView.class).toCommand())
                    .isEqualTo(new Shipping.CustomerAddressKnown(EXAMPLE_CUSTOMER,
                            new Address("12 Market Street", "Lyon", "69002", "FR"), 1L));
        }
    }

    @Test
    void readsCustomerAddressChanged() {
        for (String example : Contracts.examples("customer", "CustomerAddressChanged")) {
            assertThat(read(example, CustomerEvents.CustomerAddressView.class).toCommand())
                    .isEqualTo(new Shipping.CustomerAddressKnown(EXAMPLE_CUSTOMER,
                            new Address("1 Rue de la Paix", "Paris", "75002", "FR"), 2L));
        }
    }

    @Test
    void readsCustomerPreferencesChanged() {
        for (String example : Contracts.examples("customer", "CustomerPreferencesChanged")) {
            assertThat(read(example, CustomerEvents.CustomerPreferencesView.class).toCommand())
                    .isEqualTo(new Shipping.DeliveryInstructionsKnown(EXAMPLE_CUSTOMER, "Leave it with the concierge, building B", 3));
        }
        assertThat(read("{\"customerId\":\"" + EXAMPLE_CUSTOMER + "\",\"deliveryInstructions\":\"\",\"version\":4}",
                CustomerEvents.CustomerPreferencesView.class).toCommand())
                .as("cleared").isEqualTo(new Shipping.DeliveryInstructionsKnown(EXAMPLE_CUSTOMER, "", 4));
        assertThatThrownBy(() -> read("{\"customerId\":\"" + EXAMPLE_CUSTOMER + "\",\"version\":4}",
                CustomerEvents.CustomerPreferencesView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryInstructions");
    }

    @Test
    void readsOrderConfirmed() {
        for (String example : Contracts.examples("ordering", "OrderConfirmed")) {
            assertThat(read(example, OrderingEvents.OrderConfirmedView.class).toCommand())
                    .isEqualTo(new Shipping.OrderConfirmed(EXAMPLE_ORDER, EXAMPLE_CUSTOMER));
        }
    }

    @Test
    void readsOrderCancelled() {
        for (String example : Contracts.examples("ordering", "OrderCancelled")) {
            assertThat(read(example, OrderingEvents.OrderCancelledView.class).toCommand())
                    .isEqualTo(new Shipping.OrderCancelled(EXAMPLE_ORDER, "payment declined"));
        }
    }

    @Test
    void readsOrderCancellationRequested() {
        for (String example : Contracts.examples("ordering", "OrderCancellationRequested")) {
            assertThat(read(example, OrderingEvents.OrderCancellationRequestedView.class).toCommand())
                    .isEqualTo(new Shipping.OrderCancellationRequested(EXAMPLE_ORDER, "cancelled by the shopper: ordered the wrong size"));
        }
        assertThatThrownBy(() -> read("{\"reason\":\"deadline passed\"}", OrderingEvents.OrderCancellationRequestedView.class)
                .toCommand()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
    }

    /** What a view's reading throws, the chassis dead-letters at once as a malformed event. */
    @Test
    void anEventThatBreaksItsContractIsMalformed() {
        String withoutAddress = "{\"customerId\":\"" + EXAMPLE_CUSTOMER + "\"}";
        String badCountry = "{\"customerId\":\"" + EXAMPLE_CUSTOMER + "\",\"address\":{\"line1\":\"x\",\"city\":\"y\","
                + "\"postalCode\":\"z\",\"country\":\"France\"}}";
        String withoutCustomer = "{\"orderId\":\"" + EXAMPLE_ORDER + "\"}";

        assertThatThrownBy(() -> read(withoutAddress, CustomerEvents.CustomerAddressView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> read(badCountry, CustomerEvents.CustomerAddressView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("country");
        assertThatThrownBy(() -> read(withoutCustomer, OrderingEvents.OrderConfirmedView.class).toCommand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customerId");
    }

    /** As the chassis' InboundEvent reads a payload: unknown fields are ignored. */
    private static <T> T read(String json, Class<T> view) {
        return JSON.readerFor(view).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
    }
}
