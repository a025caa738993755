package dev.bazaar.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.bazaar.launcher.Credentials;
import dev.bazaar.launcher.LauncherConfig;
import dev.bazaar.launcher.Platform;
import dev.bazaar.launcher.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform — embedded PostgreSQL, a Kafka broker process, six services and the gateway,
 * each its own JVM — started by the launcher behind {@code ./bazaar up}, and driven only through
 * the gateway, as a shopper would.
 */
class PlatformIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String APPROVED = "4242424242424242";
    private static final String DECLINED = "4000000000000002";

    private static Platform platform;
    private static Gateway gateway;

    @BeforeAll
    static void startThePlatform() {
        Path root = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());
        Path home = root.resolve("system-tests/target/bazaar");
        deleteRecursively(home);
        LauncherConfig config = LauncherConfig.builder(root)
                .home(home)
                .portOffset(10_000)
                .buildIfStale(false)
                .stopOnExit(true)
                .build();
        platform = Platform.start(config, ProgressListener.printingTo(System.out));
        gateway = new Gateway(platform.gatewayUrl());
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void anOrderIsReservedPaidShippedAndDelivered() {
        String customer = registerCustomer();
        StockLevel before = stock("BOOK-002");

        String orderId = placeOrder(customer, "BOOK-002", 2, APPROVED);

        JsonNode order = awaitStatus(orderId, "DELIVERED");
        assertThat(statuses(order)).containsExactly("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(order.path("total").path("amount").decimalValue()).isEqualByComparingTo("109.00");
        assertThat(order.path("customerId").asString()).isEqualTo(customer);
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(stock("BOOK-002")).isEqualTo(new StockLevel(before.onHand() - 2, before.reserved())));
        JsonNode payment = gateway.get("/api/payments/" + orderId).json();
        assertThat(payment.path("status").asString()).isEqualTo("CAPTURED");
        assertThat(payment.path("cardLast4").asString()).isEqualTo("4242");
        assertThat(gateway.get("/api/shipments/" + orderId).json().path("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void anOrderForMoreThanTheStockIsRejectedAndTheStockIsUnchanged() {
        String customer = registerCustomer();
        StockLevel before = stock("TECH-005");

        String orderId = placeOrder(customer, "TECH-005", before.available() + 1, APPROVED);

        JsonNode order = awaitStatus(orderId, "REJECTED");
        assertThat(statuses(order)).containsExactly("PENDING", "REJECTED");
        assertThat(order.path("history").get(1).path("reason").asString()).contains("TECH-005");
        assertThat(stock("TECH-005")).isEqualTo(before);
    }

    @Test
    void aDeclinedCardCancelsTheOrderAndReleasesItsReservation() {
        String customer = registerCustomer();
        StockLevel before = stock("HOME-003");

        String orderId = placeOrder(customer, "HOME-003", 1, DECLINED);

        JsonNode order = awaitStatus(orderId, "CANCELLED");
        assertThat(statuses(order)).containsExactly("PENDING", "CANCELLED");
        assertThat(gateway.get("/api/payments/" + orderId).json().path("status").asString()).isEqualTo("DECLINED");
        await().atMost(SAGA).untilAsserted(() -> assertThat(stock("HOME-003")).isEqualTo(before));
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrongAndCreatesNoOrder() {
        String customer = registerCustomer();
        placeOrder(customer, "BOOK-001", 1, APPROVED); // the replicas know this customer from here on

        Gateway.Response malformed = gateway.post("/api/orders", "{\"customerId\":");
        Gateway.Response zero = gateway.post("/api/orders", order(customer, "BOOK-001", 0, APPROVED));
        Gateway.Response unknownSku = gateway.post("/api/orders", order(customer, "NOPE-404", 1, APPROVED));
        Gateway.Response unknownCustomer = gateway.post("/api/orders", order(UUID.randomUUID().toString(), "BOOK-001", 1, APPROVED));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("detail").asString()).contains("quantity");
        assertThat(unknownSku.status()).isEqualTo(404);
        assertThat(unknownSku.json().path("detail").asString()).contains("NOPE-404");
        assertThat(unknownCustomer.status()).isEqualTo(404);
        Stream.of(malformed, zero, unknownSku, unknownCustomer).forEach(response -> {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.location()).isNull();
        });
    }

    @Test
    void aServiceRoleCanReachItsOwnDatabaseAndNoOther() throws SQLException {
        Credentials ordering = platform.credentials("ordering");
        try (Connection own = DriverManager.getConnection(platform.postgresJdbcUrl("ordering"), ordering.username(), ordering.password())) {
            assertThat(own.isValid(5)).isTrue();
        }

        List<String> others = new ArrayList<>(LauncherConfig.SERVICES);
        others.remove("ordering");
        for (String other : others) {
            assertThatThrownBy(() -> DriverManager.getConnection(platform.postgresJdbcUrl(other), ordering.username(), ordering.password()).close())
                    .as("ordering's role connecting to the database of " + other)
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theGatewayServesTheCatalog() {
        JsonNode page = gateway.get("/api/catalog/products?category=books&size=3").json();

        assertThat(page.path("total").asInt()).isEqualTo(6);
        assertThat(page.path("items")).hasSize(3);
        assertThat(gateway.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
    }

    private String registerCustomer() {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        Gateway.Response response = gateway.post("/api/customers", """
                {"email":"%s","name":"Grace Hopper","address":{"line1":"1 Harbour Road","city":"Lisbon","postalCode":"1100-001","country":"PT"}}"""
                .formatted(email));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    /**
     * Places an order, waiting while ordering has not yet replicated the new customer or payment's key:
     * the replicas are eventually consistent, and a shopper's retry is what the 404/503 invite.
     */
    private String placeOrder(String customer, String sku, int quantity, String card) {
        Gateway.Response[] last = new Gateway.Response[1];
        await().atMost(SAGA).pollInterval(Duration.ofMillis(250)).until(() -> {
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

    private static String order(String customer, String sku, int quantity, String card) {
        return """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d}],"payment":{"card":"%s"}}"""
                .formatted(customer, sku, quantity, card);
    }

    private JsonNode awaitStatus(String orderId, String status) {
        JsonNode[] order = new JsonNode[1];
        await().atMost(SAGA).pollInterval(Duration.ofMillis(250)).until(() -> {
            order[0] = gateway.get("/api/orders/" + orderId).json();
            return status.equals(order[0].path("status").asString());
        });
        return order[0];
    }

    private static List<String> statuses(JsonNode order) {
        List<String> statuses = new ArrayList<>();
        order.path("history").forEach(entry -> statuses.add(entry.path("status").asString()));
        return statuses;
    }

    private StockLevel stock(String sku) {
        JsonNode stock = gateway.get("/api/inventory/stock/" + sku).json();
        return new StockLevel(stock.path("onHand").asInt(), stock.path("reserved").asInt());
    }

    record StockLevel(int onHand, int reserved) {
        int available() {
            return onHand - reserved;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
