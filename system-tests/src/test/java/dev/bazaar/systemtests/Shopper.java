package dev.bazaar.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a shopper does through the gateway, with the waiting that eventual consistency asks for. */
final class Shopper {

    static final String APPROVED = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final Duration SAGA = Duration.ofSeconds(90);

    private final Gateway gateway;

    Shopper(Gateway gateway) {
        this.gateway = gateway;
    }

    String registerCustomer() {
        Gateway.Response response = gateway.post("/api/customers", customerJson());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    static String customerJson() {
        return """
                {"email":"shopper-%s@example.com","name":"Grace Hopper","address":{"line1":"1 Harbour Road","city":"Lisbon","postalCode":"1100-001","country":"PT"}}"""
                .formatted(UUID.randomUUID());
    }

    /** Places an order, retrying while ordering has not yet replicated the customer or payment's key. */
    String placeOrder(String customer, String sku, int quantity, String card) {
        Gateway.Response[] last = new Gateway.Response[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = gateway.post("/api/orders", order(customer, sku, quantity, card));
            return last[0].status() != 404 && last[0].status() != 503;
        });
        Gateway.Response response = last[0];
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("PENDING");
        String orderId = response.json().path("orderId").asString();
        assertThat(response.location()).endsWith("/api/orders/" + orderId);
        return orderId;
    }

    static String order(String customer, String sku, int quantity, String card) {
        return """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d}],"payment":{"card":"%s"}}"""
                .formatted(customer, sku, quantity, card);
    }

    JsonNode awaitStatus(String orderId, String status) {
        JsonNode[] order = new JsonNode[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            order[0] = gateway.get("/api/orders/" + orderId).json();
            return status.equals(order[0].path("status").asString());
        });
        return order[0];
    }

    /** Waits until the order is DELIVERED, REJECTED or CANCELLED and returns that status. */
    String awaitTerminal(String orderId) {
        String[] status = new String[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            status[0] = gateway.get("/api/orders/" + orderId).json().path("status").asString();
            return List.of("DELIVERED", "REJECTED", "CANCELLED").contains(status[0]);
        });
        return status[0];
    }

    static List<String> statuses(JsonNode order) {
        List<String> statuses = new ArrayList<>();
        order.path("history").forEach(entry -> statuses.add(entry.path("status").asString()));
        return statuses;
    }

    StockLevel stock(String sku) {
        JsonNode stock = gateway.get("/api/inventory/stock/" + sku).json();
        return new StockLevel(stock.path("onHand").asInt(), stock.path("reserved").asInt());
    }

    record StockLevel(int onHand, int reserved) {
        int available() {
            return onHand - reserved;
        }
    }
}
