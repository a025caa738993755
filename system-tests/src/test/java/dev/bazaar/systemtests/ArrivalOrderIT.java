package dev.bazaar.systemtests;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bazaar.audit.DeadLetter;
import dev.bazaar.launcher.Credentials;
import dev.bazaar.launcher.Platform;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static dev.bazaar.systemtests.Shopper.APPROVED;
import static dev.bazaar.systemtests.Shopper.DECLINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Late, repeated and redriven events never undo or revive anything: every consumer is correct for any order of
 * arrival of what it consumes. Each drill produces what a dead-letter redrive, a replay or a reordering would, on the
 * running platform, and ends with the audit clean and no money captured for an order that is not delivered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArrivalOrderIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Platform platform;
    private static Gateway gateway;
    private static Shopper shopper;
    private static Topics topics;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = RunningPlatform.gateway();
        shopper = new Shopper(gateway);
        topics = new Topics(platform.kafkaClientSettings());
    }

    @Test
    @Order(1)
    void aPlacementRedrivenAfterItsOrderWasCancelledChargesNothing() throws SQLException {
        Shopper.Customer customer = shopper.registerCustomer();
        String order;
        DeadLetter letter;
        // Payment cannot record a payment for a while: the order's placement is dead-lettered there.
        sql("payment", "revoke insert on payment from payment");
        try {
            order = shopper.placeOrder(customer, "BOOK-001", 1, APPROVED);
            letter = await().atMost(PATIENCE).until(() -> platform.deadLetters("payment").stream()
                    .filter(dead -> order.equals(dead.key()) && "OrderPlaced".equals(dead.eventType()) && dead.isNew())
                    .findFirst().orElse(null), found -> found != null);
        } finally {
            sql("payment", "grant insert on payment to payment");
        }
        Gateway.Response cancelled = new Gateway(platform.applicationUrl("ordering")).withToken(platform.operatorToken())
                .post("/admin/orders/" + order + "/cancel", "{\"reason\":\"stuck waiting for payment\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        await().atMost(PATIENCE).until(() -> "RELEASED".equals(customer.gateway().get("/api/inventory/reservations/" + order).json()
                .path("status").asString()));

        platform.redriveDeadLetter("payment", letter.id());

        JsonNode payment = await().atMost(PATIENCE).until(() -> customer.gateway().get("/api/payments/" + order),
                response -> response.status() == 200).json();
        assertThat(payment.path("status").asString()).isEqualTo("VOIDED");
        assertThat(payments().get(order)).as("payment of the cancelled order").isEqualTo("VOIDED captures 0 refunds 0");
        assertThat(customer.gateway().get("/api/orders/" + order).json().path("status").asString()).isEqualTo("CANCELLED");
        assertAuditIsClean();
        DrillReport.append("A1. OrderPlaced dead letter redriven after its order was cancelled: 1 order placed, CANCELLED, payment "
                + payments().get(order) + "; audit clean");
    }

    @Test
    @Order(2)
    void replayingEveryOrderAndStockEventIntoPaymentWithAnEmptyInboxChargesNothingAgain() throws SQLException {
        Shopper.Customer customer = shopper.registerCustomer();
        List<String> orders = new ArrayList<>(List.of(
                shopper.placeOrder(customer, "BOOK-002", 1, APPROVED),
                shopper.placeOrder(customer, "BOOK-002", 1, DECLINED),
                shopper.placeOrder(customer, "BOOK-002", 999, APPROVED)));
        orders.forEach(shopper::awaitTerminal);
        Map<String, String> before = payments();
        List<String> read = List.of("ordering.events", "inventory.events");

        platform.stop("payment");
        sql("payment", "delete from inbox");
        topics.rewind("payment", read);
        platform.restart("payment");
        await().atMost(Duration.ofMinutes(3)).until(() -> topics.lag("payment", read) == 0);

        assertThat(sqlCount("payment", "select count(*) from inbox")).as("events replayed into payment").isPositive();
        assertThat(payments()).as("every payment, after payment read every order and stock event again").isEqualTo(before);
        assertAuditIsClean();
        DrillReport.append("A2. payment's inbox emptied and its whole input replayed: " + sqlCount("payment", "select count(*) from inbox")
                + " events applied again, " + before.size() + " payments unchanged (" + orders.size() + " placed for it: "
                + orders.stream().map(order -> before.get(order)).toList() + "); audit clean");
    }

    @Test
    @Order(3)
    void replicasFedTheirEventsNewestFirstKeepTheNewest() {
        Shopper.Customer customer = shopper.registerCustomer();
        String sku = "HOME-004";
        shopper.awaitCustomerRecord(customer);
        for (String city : List.of("Porto", "Faro")) {
            Gateway.Response moved = customer.gateway().put("/api/customers/" + customer.id() + "/address",
                    "{\"line1\":\"2 Rua Nova\",\"city\":\"" + city + "\",\"postalCode\":\"4000-001\",\"country\":\"PT\"}");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        BigDecimal price = gateway.get("/api/catalog/products/" + sku).json().path("price").path("amount").decimalValue();
        for (BigDecimal newPrice : List.of(price.add(BigDecimal.ONE), price.add(BigDecimal.TEN))) {
            Gateway.Response changed = RunningPlatform.staff().put("/api/catalog/products/" + sku + "/price",
                    "{\"amount\":" + newPrice + ",\"currency\":\"EUR\"}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        }
        BigDecimal newest = price.add(BigDecimal.TEN);
        List<ConsumerRecord<String, String>> customerEvents = topics.read("customer.events", customer.id());
        List<ConsumerRecord<String, String>> productEvents = topics.read("catalog.events", sku);
        assertThat(customerEvents).hasSize(3);
        assertThat(productEvents).hasSizeGreaterThanOrEqualTo(3);

        List<String> addresses = newestFirst(customerEvents).stream().map(topics::replay).toList();
        List<String> prices = newestFirst(productEvents).stream().map(topics::replay).toList();
        await().atMost(PATIENCE).until(() -> addresses.stream().allMatch(id -> handled("fulfillment", id))
                && prices.stream().allMatch(id -> handled("ordering", id)));

        String order = shopper.placeOrder(customer, sku, 1, APPROVED);
        JsonNode delivered = shopper.awaitStatus(order, "DELIVERED");
        assertThat(delivered.path("lines").get(0).path("unitPrice").path("amount").decimalValue())
                .as("the price ordering charges after the old prices came again").isEqualByComparingTo(newest);
        assertThat(customer.gateway().get("/api/shipments/" + order).json().path("address").path("city").asString())
                .as("where fulfillment ships after the old addresses came again").isEqualTo("Faro");
        assertAuditIsClean();
        DrillReport.append("A3. " + customerEvents.size() + " customer and " + productEvents.size() + " product events replayed newest first: "
                + "the next order priced at " + newest + " and shipped to Faro (the newest); payment " + payments().get(order)
                + "; audit clean");
    }

    private static List<ConsumerRecord<String, String>> newestFirst(List<ConsumerRecord<String, String>> events) {
        List<ConsumerRecord<String, String>> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        return reversed;
    }

    /** Every payment as payment's own books have it: status, captures and refunds, by order. */
    private static Map<String, String> payments() {
        JsonNode page = new Gateway(platform.applicationUrl("payment")).withToken(platform.operatorToken()).get("/admin/payments?size=1000").json();
        Map<String, String> payments = new TreeMap<>();
        page.path("items").forEach(item -> payments.put(item.path("orderId").asString(), item.path("status").asString()
                + " captures " + item.path("captures").asInt() + " refunds " + item.path("refunds").asInt()));
        return payments;
    }

    private static boolean handled(String service, String eventId) {
        return sqlCount(service, "select count(*) from inbox where event_id = '" + eventId + "'") == 1;
    }

    private static void assertAuditIsClean() {
        assertThat(platform.audit(Duration.ofSeconds(30)).violations()).isEmpty();
    }

    private static void sql(String database, String statement) throws SQLException {
        try (Connection connection = superuser(database); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static long sqlCount(String database, String query) {
        try (Connection connection = superuser(database); Statement sql = connection.createStatement();
             var result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection superuser(String database) throws SQLException {
        Credentials superuser = platform.superuserCredentials();
        return DriverManager.getConnection(platform.postgresJdbcUrl(database), superuser.username(), superuser.password());
    }
}
