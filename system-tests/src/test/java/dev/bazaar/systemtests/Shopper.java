package dev.bazaar.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.bazaar.launcher.Identity;
import dev.bazaar.launcher.Platform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What shoppers do through the gateway, with the waiting that eventual consistency asks for. Each customer orders with
 * their own token; the waits read orders as staff, who see every order.
 */
final class Shopper {

    static final String APPROVED = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final Duration SAGA = Duration.ofSeconds(90);

    static final String PASSWORD = "correct horse battery staple";
    private static final String HOME = """
            {"line1":"1 Harbour Road","city":"Lisbon","postalCode":"1100-001","country":"PT"}""";

    private final Gateway gateway;
    private final Gateway staff;

    /** @param gateway the anonymous gateway: what anyone may read (stock) */
    Shopper(Gateway gateway) {
        this.gateway = gateway;
        this.staff = RunningPlatform.staff();
    }

    /** A customer who signed up and signed in, and the gateway as them. */
    record Customer(String id, String email, Gateway gateway) {
        @Override
        public String toString() {
            return id;
        }
    }

    Customer registerCustomer() {
        return registerCustomer(HOME);
    }

    /**
     * Signs a new shopper up and in, as a shopper would, but at identity itself rather than through the gateway: the
     * tests make dozens of shoppers from one address, which the gateway's sign-up and sign-in limits per address
     * would slow (PlatformIT tests those limits). Their token is what the gateway checks like any other.
     */
    Customer registerCustomer(String addressJson) {
        Platform platform = RunningPlatform.get();
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        Gateway.Response signedUp = new Gateway(platform.applicationUrl("identity")).post("/api/identity/sign-up", """
                {"email":"%s","password":"%s","name":"Grace Hopper","address":%s}""".formatted(email, PASSWORD, addressJson));
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(202);
        RenewedToken token = new RenewedToken(() -> Identity.token(platform.applicationUrl("identity"), email, PASSWORD));
        return new Customer(subject(token.get()), email, gateway.signedIn(token));
    }

    /** Waits until customer has made the record of a customer who signed up (it hears of them by event). */
    void awaitCustomerRecord(Customer customer) {
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> customer.gateway().get("/api/customers/" + customer.id()).status() == 200);
    }

    static String subject(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("sub").asString();
    }

    /** Places an order as the customer, retrying while ordering has not yet replicated the product or payment's key. */
    String placeOrder(Customer customer, String sku, int quantity, String card) {
        Gateway.Response[] last = new Gateway.Response[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = customer.gateway().post("/api/orders", order(sku, quantity, card));
            return last[0].status() != 404 && last[0].status() != 503;
        });
        Gateway.Response response = last[0];
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("PENDING");
        String orderId = response.json().path("orderId").asString();
        assertThat(response.location()).endsWith("/api/orders/" + orderId);
        return orderId;
    }

    /** An order's body: for the caller, whose token says who they are. */
    static String order(String sku, int quantity, String card) {
        return """
                {"lines":[{"sku":"%s","quantity":%d}],"payment":{"card":"%s"}}"""
                .formatted(sku, quantity, card);
    }

    JsonNode awaitStatus(String orderId, String status) {
        JsonNode[] order = new JsonNode[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            order[0] = staff.get("/api/orders/" + orderId).json();
            return status.equals(order[0].path("status").asString());
        });
        return order[0];
    }

    /** Waits until the order is DELIVERED, REJECTED or CANCELLED and returns that status. */
    String awaitTerminal(String orderId) {
        String[] status = new String[1];
        await().atMost(SAGA).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
            status[0] = staff.get("/api/orders/" + orderId).json().path("status").asString();
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
