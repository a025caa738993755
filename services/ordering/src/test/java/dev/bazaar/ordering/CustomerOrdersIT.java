package dev.bazaar.ordering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static dev.bazaar.ordering.Fixtures.MAP;
import static dev.bazaar.ordering.Fixtures.PATIENCE;
import static dev.bazaar.ordering.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side: a customer's orders from the projection kept with the order's events, its rebuild
 * from the streams while the service serves, and the admin list of orders for the audit.
 */
@ServiceIntegrationTest
class CustomerOrdersIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private RestClient http;
    private RestClient operator;
    private UUID customer;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAShopperSignsIn() {
        customer = UUID.randomUUID();
        http = Fixtures.shopper(port, customer);
        operator = Fixtures.operator(port);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "10.00");
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @Test
    void listsACustomersOrdersTheLatestFirstPageByPageWithTheirCurrentStatus() {
        String first = place("1");
        String second = place("2");
        String third = place("3");
        publish("inventory", "StockRejected", first);
        awaitListedStatus(first, "REJECTED");

        Map<String, Object> firstPage = orders(customer + "/orders?page=0&size=2").getBody();
        Map<String, Object> secondPage = orders(customer + "/orders?page=1&size=2").getBody();

        assertThat(firstPage).containsEntry("page", 0).containsEntry("size", 2).containsEntry("total", 3);
        assertThat(items(firstPage)).extracting(item -> item.get("orderId")).containsExactly(third, second);
        assertThat(items(firstPage).get(0)).containsEntry("status", "PENDING")
                .containsEntry("total", Map.of("amount", 30.0, "currency", "EUR"));
        assertThat(items(secondPage)).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("orderId", first).containsEntry("status", "REJECTED")
                    .containsEntry("total", Map.of("amount", 10.0, "currency", "EUR"));
            assertThat(Instant.parse((String) item.get("updatedAt"))).isAfter(Instant.parse((String) item.get("placedAt")));
        });
        assertThat(secondPage).containsEntry("page", 1).containsEntry("total", 3);
    }

    @Test
    void aCustomerWithoutOrdersHasAnEmptyListAndBadPagingIsAProblemNamingTheParameter() {
        UUID newcomer = UUID.randomUUID();
        ResponseEntity<Map<String, Object>> none = Fixtures.shopper(port, newcomer).get().uri("/api/customers/" + newcomer + "/orders")
                .retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> tooBig = orders(customer + "/orders?size=1001");
        ResponseEntity<Map<String, Object>> negative = orders(customer + "/orders?page=-1");
        ResponseEntity<Map<String, Object>> notAnId = orders("someone/orders");

        assertThat(none.getStatusCode().value()).isEqualTo(200);
        assertThat(none.getBody()).containsEntry("items", List.of()).containsEntry("total", 0).containsEntry("size", 20);
        for (ResponseEntity<Map<String, Object>> invalid : List.of(tooBig, negative, notAnId)) {
            assertThat(invalid.getStatusCode().value()).isEqualTo(400);
            assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat((String) tooBig.getBody().get("detail")).contains("size");
        assertThat((String) negative.getBody().get("detail")).contains("page");
        assertThat((String) notAnId.getBody().get("detail")).contains("customerId");
    }

    @Test
    void aRebuiltProjectionEqualsTheLiveOne() {
        String rejected = place("1");
        String confirmed = place("2");
        place("3");
        publish("inventory", "StockRejected", rejected);
        publish("payment", "PaymentCaptured", confirmed);
        awaitListedStatus(rejected, "REJECTED");
        awaitListedStatus(confirmed, "CONFIRMED");
        List<Map<String, Object>> live = projection();
        // Damage it, so that equality afterwards proves the rebuild, not an untouched table.
        jdbc.sql("delete from customer_order where order_id = :id").param("id", UUID.fromString(rejected)).update();
        jdbc.sql("update customer_order set status = 'DELIVERED', version = 1 where order_id = :id")
                .param("id", UUID.fromString(confirmed)).update();

        ResponseEntity<Map<String, Object>> rebuild = rebuild();

        assertThat(rebuild.getStatusCode().value()).isEqualTo(200);
        assertThat(projection()).isEqualTo(live);
        assertThat(rebuild.getBody()).containsEntry("projection", "customer-orders")
                .containsEntry("orders", live.size())
                .containsEntry("events", jdbc.sql("select count(*) from order_event").query(Long.class).single().intValue());
        assertThat(((Number) rebuild.getBody().get("tookMs")).longValue()).isNotNegative();
    }

    @Test
    void readersKeepGettingTheOldListWhileARebuildIsUnderway() throws Exception {
        List<String> placed = List.of(place("1"), place("2"));
        Map<String, Object> before = orders(customer + "/orders").getBody();
        ResponseEntity<Map<String, Object>> during;
        CompletableFuture<ResponseEntity<Map<String, Object>>> rebuild;
        // Holds one row of the projection, so the rebuild's delete stops there with its transaction open.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from customer_order where order_id = ? for update")) {
                lock.setObject(1, UUID.fromString(placed.get(0)));
                lock.executeQuery().close();
            }
            rebuild = CompletableFuture.supplyAsync(this::rebuild);
            await().atMost(PATIENCE).until(this::rebuildWaitsForALock);

            long started = System.nanoTime();
            during = orders(customer + "/orders");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(rebuild).isNotDone();
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            holder.rollback();
        }

        assertThat(during.getStatusCode().value()).isEqualTo(200);
        assertThat(during.getBody()).isEqualTo(before);
        assertThat(items(during.getBody())).extracting(item -> item.get("orderId")).containsExactlyInAnyOrderElementsOf(placed);
        assertThat(rebuild.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(200);
        assertThat(orders(customer + "/orders").getBody()).isEqualTo(before);
    }

    @Test
    void theAdminListShowsEveryOrderFromItsStreamWithItsDeadline() {
        String pending = place("2");
        String rejected = place("1");
        publish("inventory", "StockRejected", rejected);
        awaitListedStatus(rejected, "REJECTED");

        Map<String, Object> pendingView = adminOrder(pending);
        Map<String, Object> rejectedView = adminOrder(rejected);

        assertThat(pendingView).containsEntry("customerId", customer.toString()).containsEntry("status", "PENDING")
                .containsEntry("lines", List.of(Map.of("sku", book, "quantity", 2, "unitPrice", Map.of("amount", 10.0, "currency", "EUR"))))
                .containsEntry("total", Map.of("amount", 20.0, "currency", "EUR"));
        Instant placedAt = Instant.parse((String) pendingView.get("placedAt"));
        assertThat(Instant.parse((String) pendingView.get("updatedAt"))).isEqualTo(placedAt);
        assertThat(Instant.parse((String) pendingView.get("deadline"))).isEqualTo(placedAt.plus(Duration.ofMinutes(10)));
        assertThat(rejectedView).containsEntry("status", "REJECTED").containsEntry("deadline", null);
        ResponseEntity<Map<String, Object>> tooBig = operator.get().uri("/admin/orders?size=1001").retrieve().toEntity(MAP);
        assertThat(tooBig.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theAdminListGoesByOrderIdAndWalksWithAfterToTheEndOrThrough() {
        place("1");
        place("1");
        place("1");
        List<String> whole = new ArrayList<>();
        List<String> ids;
        int page = 0;
        do {
            ids = ids(adminOrders("page=" + page++ + "&size=1000"));
            whole.addAll(ids);
        } while (ids.size() == 1000);

        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> body = adminOrders("size=2" + (after == null ? "" : "&after=" + after));
            assertThat(body).containsEntry("page", 0).containsEntry("size", 2);
            if (after == null) {
                assertThat(body).containsEntry("total", whole.size());
            } else {
                assertThat(body).as("a page after a key is not counted").doesNotContainKey("total");
            }
            ids = ids(body);
            walked.addAll(ids);
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        } while (ids.size() == 2);

        // The text of a UUID sorts as PostgreSQL sorts uuids (unsigned, byte by byte); Java's UUID.compareTo does not.
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
        assertThat(walked).isEqualTo(whole);
        assertThat(ids(adminOrders("size=1000&through=" + whole.get(1)))).isEqualTo(whole.subList(0, 2));
        assertThat(ids(adminOrders("after=" + whole.get(0) + "&through=" + whole.get(2)))).isEqualTo(whole.subList(1, 3));
        assertThat(adminOrders("after=" + whole.get(0) + "&through=" + whole.get(2))).doesNotContainKey("total");
    }

    @Test
    void theAdminListRefusesAPageWithAfterAndAnOrderIdThatIsNoUuid() {
        String placed = place("1");

        ResponseEntity<Map<String, Object>> pageAndAfter = operator.get().uri("/admin/orders?page=1&after=" + placed).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> badAfter = operator.get().uri("/admin/orders?after=not-a-uuid").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> badThrough = operator.get().uri("/admin/orders?through=42").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> invalid : List.of(pageAndAfter, badAfter, badThrough)) {
            assertThat(invalid.getStatusCode().value()).isEqualTo(400);
            assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(invalid.getBody()).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
        }
        assertThat((String) pageAndAfter.getBody().get("detail")).contains("page and after exclude each other");
        assertThat((String) badAfter.getBody().get("detail")).isEqualTo("after must be a UUID");
        assertThat((String) badThrough.getBody().get("detail")).isEqualTo("through must be a UUID");
    }

    /** Pages through the admin list by offset, in order id order, until the order shows. */
    private Map<String, Object> adminOrder(String orderId) {
        for (int page = 0; ; page++) {
            Map<String, Object> body = operator.get().uri("/admin/orders?page=" + page + "&size=50").retrieve().body(MAP);
            assertThat(body).containsEntry("page", page).containsEntry("size", 50).containsKey("total");
            List<Map<String, Object>> items = items(body);
            assertThat(items).as("order %s not listed", orderId).isNotEmpty();
            for (Map<String, Object> item : items) {
                if (orderId.equals(item.get("orderId"))) {
                    return item;
                }
            }
        }
    }

    private Map<String, Object> adminOrders(String query) {
        ResponseEntity<Map<String, Object>> response = operator.get().uri("/admin/orders?" + query).retrieve().toEntity(MAP);
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(200);
        return response.getBody();
    }

    private static List<String> ids(Map<String, Object> page) {
        return items(page).stream().map(item -> (String) item.get("orderId")).toList();
    }

    private String place(String quantity) {
        Map<String, Object> placed = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Fixtures.orderRequest("4242424242424242", book, quantity)).retrieve().body(MAP);
        return (String) placed.get("orderId");
    }

    private ResponseEntity<Map<String, Object>> orders(String path) {
        return http.get().uri("/api/customers/" + path).retrieve().toEntity(MAP);
    }

    private ResponseEntity<Map<String, Object>> rebuild() {
        return operator.post().uri("/admin/projections/customer-orders/rebuild").retrieve().toEntity(MAP);
    }

    private void awaitListedStatus(String order, String status) {
        await().atMost(PATIENCE).until(() -> items(orders(customer + "/orders?size=100").getBody()).stream()
                .anyMatch(item -> order.equals(item.get("orderId")) && status.equals(item.get("status"))));
    }

    private List<Map<String, Object>> projection() {
        return jdbc.sql("select * from customer_order order by order_id").query().listOfRows();
    }

    private boolean rebuildWaitsForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query like 'delete from customer_order%'""")
                .query(Long.class).single() > 0;
    }

    private static void publish(String producer, String type, String order) {
        KafkaEvents.publish(producer + ".events", producer, type, order, example(producer, type, order));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
