package dev.bazaar.inventory;

import java.util.Map;
import java.util.UUID;

import dev.bazaar.platform.testing.Contracts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as other contexts really send them: each is the producer's own example from
 * {@code contracts/}, made about a fresh order or SKU so that tests sharing one database and
 * broker do not touch each other. Every other field stays as the producer wrote it, so the
 * readers are tested against what the contract promises.
 */
final class Examples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Examples() {
    }

    static String productAdded(String sku) {
        ObjectNode event = example("catalog", "ProductAdded");
        event.put("sku", sku);
        return JSON.writeValueAsString(event);
    }

    /** ordering's OrderPlaced example, for the given order and quantities per SKU. */
    static String orderPlaced(String orderId, Map<String, Integer> quantities) {
        return withLines(example("ordering", "OrderPlaced"), orderId, quantities);
    }

    /** The same, placed by the given customer. */
    static String orderPlaced(String orderId, UUID customerId, Map<String, Integer> quantities) {
        ObjectNode event = example("ordering", "OrderPlaced");
        event.put("customerId", customerId.toString());
        return withLines(event, orderId, quantities);
    }

    /** ordering's OrderConfirmed example, for the given order and quantities per SKU. */
    static String orderConfirmed(String orderId, Map<String, Integer> quantities) {
        return withLines(example("ordering", "OrderConfirmed"), orderId, quantities);
    }

    static String orderCancelled(String orderId) {
        ObjectNode event = example("ordering", "OrderCancelled");
        event.put("orderId", orderId);
        return JSON.writeValueAsString(event);
    }

    static String orderCancelled(String orderId, String reason) {
        ObjectNode event = example("ordering", "OrderCancelled");
        event.put("orderId", orderId);
        event.put("reason", reason);
        return JSON.writeValueAsString(event);
    }

    private static String withLines(ObjectNode event, String orderId, Map<String, Integer> quantities) {
        event.put("orderId", orderId);
        JsonNode template = event.get("lines").get(0);
        ArrayNode lines = event.putArray("lines");
        quantities.forEach((sku, quantity) -> {
            ObjectNode line = (ObjectNode) template.deepCopy();
            line.put("sku", sku);
            line.put("quantity", quantity);
            lines.add(line);
        });
        return JSON.writeValueAsString(event);
    }

    private static ObjectNode example(String producer, String type) {
        return (ObjectNode) JSON.readTree(Contracts.examples(producer, type).get(0));
    }
}
