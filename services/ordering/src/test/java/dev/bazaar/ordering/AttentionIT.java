package dev.bazaar.ordering;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
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
 * The staff's list of orders needing attention: unfinished orders unchanged for longer than
 * {@code ordering.attention-after} (5 minutes; here the read model's last change is set back rather than waited for),
 * and the orders refunded in the last day (cancelled after their confirmation). Staff and the operator only, and
 * {@code /api/orders/attention} is not taken for an order id. The database is shared by the whole test JVM, so other
 * tests' orders may be listed too: each assertion is about this test's own orders.
 */
@ServiceIntegrationTest
class AttentionIT {

    private static final String ATTENTION = "/api/orders/attention";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private UUID customer;
    private RestClient asShopper;
    private RestClient asStaff;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAShopperSignsIn() {
        customer = UUID.randomUUID();
        asShopper = Fixtures.shopper(port, customer);
        asStaff = Fixtures.staff(port);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "12.50");
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @Test
    void anOrderUnchangedLongerThanTheThresholdIsStuckWithWhatItWaitsForAFreshOneIsNot() {
        String stuckPending = place();
        String stuckConfirmed = place();
        publish("payment", "PaymentCaptured", stuckConfirmed);
        awaitStatus(stuckConfirmed, "CONFIRMED");
        String fresh = place();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.MILLIS);
        lastChangedAt(stuckPending, longAgo);
        lastChangedAt(stuckConfirmed, longAgo.plusMillis(1));
        try {
            ResponseEntity<Map<String, Object>> answer = asStaff.get().uri(ATTENTION).retrieve().toEntity(MAP);

            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).containsEntry("stuckAfter", "PT5M");
            assertThat(stuck(answer.getBody())).containsEntry("page", 0).containsEntry("size", 20);
            List<Map<String, Object>> listed = allStuck(asStaff);
            Map<String, Object> pending = find(listed, stuckPending).orElseThrow();
            Map<String, Object> confirmed = find(listed, stuckConfirmed).orElseThrow();
            assertThat(pending).containsEntry("customerId", customer.toString()).containsEntry("status", "PENDING")
                    .containsEntry("waitingFor", "payment").containsEntry("total", Map.of("amount", 12.5, "currency", "EUR"))
                    .containsKey("placedAt");
            assertThat(Instant.parse((String) pending.get("updatedAt"))).isEqualTo(longAgo);
            assertThat(confirmed).containsEntry("status", "CONFIRMED").containsEntry("waitingFor", "shipment");
            assertThat(listed.indexOf(pending)).as("the longest unchanged first").isLessThan(listed.indexOf(confirmed));
            assertThat(find(listed, fresh)).isEmpty();
        } finally {
            // The read model agrees with the streams again, as other tests (a rebuild compared with it) expect.
            lastChangeAsTheStreamSays(stuckPending);
            lastChangeAsTheStreamSays(stuckConfirmed);
        }
    }

    @Test
    void anOrderCancelledAfterItsConfirmationIsRefundedOneCancelledWhilePendingIsNot() {
        String confirmedThenCancelled = place();
        publish("payment", "PaymentCaptured", confirmedThenCancelled);
        awaitStatus(confirmedThenCancelled, "CONFIRMED");
        assertThat(cancel(confirmedThenCancelled, "{\"reason\":\"changed my mind\"}")).isEqualTo(202);
        String pendingThenCancelled = place();
        assertThat(cancel(pendingThenCancelled, null)).isEqualTo(202);
        // Not refunded while fulfillment has not said that nothing was delivered.
        assertThat(find(refunded(asStaff.get().uri(ATTENTION).retrieve().body(MAP)), confirmedThenCancelled)).isEmpty();
        publish("fulfillment", "ShipmentCancelled", confirmedThenCancelled);
        awaitStatus(confirmedThenCancelled, "CANCELLED");

        Map<String, Object> answer = asStaff.get().uri(ATTENTION).retrieve().body(MAP);

        List<Map<String, Object>> refunded = refunded(answer);
        assertThat(refunded).hasSizeLessThanOrEqualTo(20);
        Map<String, Object> refund = find(refunded, confirmedThenCancelled).orElseThrow();
        assertThat(refund).containsEntry("customerId", customer.toString())
                .containsEntry("total", Map.of("amount", 12.5, "currency", "EUR"))
                .containsEntry("reason", "cancelled by the shopper: changed my mind");
        assertThat(Instant.parse((String) refund.get("cancelledAt"))).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(find(refunded, pendingThenCancelled)).isEmpty();
        // Nor is a cancelled order stuck: it is finished.
        assertThat(find(allStuck(asStaff), confirmedThenCancelled)).isEmpty();
    }

    @Test
    void theOperatorMayLookShoppersAre403AndWithoutATokenItIs401() {
        ResponseEntity<Map<String, Object>> operator = TestHttp.as(port, TestTokens.operator()).get().uri(ATTENTION).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> shopper = asShopper.get().uri(ATTENTION).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> anonymous = TestHttp.anonymous(port).get().uri(ATTENTION).retrieve().toEntity(MAP);
        // HEAD runs the GET handler: the rule for GET decides it too.
        ResponseEntity<Void> shopperHead = asShopper.head().uri(ATTENTION).retrieve().toBodilessEntity();

        assertThat(operator.getStatusCode().value()).isEqualTo(200);
        assertThat(operator.getBody()).containsKeys("stuck", "refunded", "stuckAfter");
        assertThat(shopper.getStatusCode().value()).isEqualTo(403);
        assertThat(shopperHead.getStatusCode().value()).isEqualTo(403);
        assertThat(shopper.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) shopper.getBody().get("detail")).contains("staff");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    /** "attention" goes to the list, never to the order handler (which would answer 404 unknown-order), and ids still work. */
    @Test
    void attentionIsNotTakenForAnOrderIdAndARealIdIsStillAnOrder() {
        String order = place();

        Map<String, Object> list = asStaff.get().uri(ATTENTION).retrieve().body(MAP);
        Map<String, Object> byStaff = asStaff.get().uri("/api/orders/" + order).retrieve().body(MAP);
        Map<String, Object> byOwner = asShopper.get().uri("/api/orders/" + order).retrieve().body(MAP);

        assertThat(list).containsKey("stuck").doesNotContainKeys("type", "orderId");
        for (Map<String, Object> read : List.of(byStaff, byOwner)) {
            assertThat(read).containsEntry("orderId", order).containsEntry("customerId", customer.toString())
                    .containsEntry("status", "PENDING");
        }
    }

    @Test
    void aPageSizeOutside1To100OrANegativePageIs400() {
        for (String query : List.of("?size=0", "?size=101", "?page=-1", "?size=abc")) {
            ResponseEntity<Map<String, Object>> answer = asStaff.get().uri(ATTENTION + query).retrieve().toEntity(MAP);
            assertThat(answer.getStatusCode().value()).as(query).isEqualTo(400);
        }
        assertThat(stuck(asStaff.get().uri(ATTENTION + "?page=1&size=100").retrieve().body(MAP)))
                .containsEntry("page", 1).containsEntry("size", 100);
    }

    private String place() {
        Map<String, Object> placed = asShopper.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Fixtures.orderRequest("4242424242424242", book, "1")).retrieve().body(MAP);
        return (String) placed.get("orderId");
    }

    private int cancel(String order, String body) {
        RestClient.RequestBodySpec request = asShopper.post().uri("/api/orders/" + order + "/cancel");
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(MAP).getStatusCode().value();
    }

    private static void publish(String producer, String type, String order) {
        KafkaEvents.publish(producer + ".events", producer, type, order, example(producer, type, order));
    }

    private void awaitStatus(String order, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(asShopper.get().uri("/api/orders/" + order).retrieve().body(MAP).get("status")));
    }

    /** As if nothing had happened to the order since then (its placement stays, so the deadline sweeper leaves it alone). */
    private void lastChangedAt(String order, Instant at) {
        assertThat(jdbc.sql("update customer_order set updated_at = :at where order_id = :id")
                .param("at", Timestamp.from(at)).param("id", UUID.fromString(order)).update()).isEqualTo(1);
    }

    private void lastChangeAsTheStreamSays(String order) {
        jdbc.sql("""
                update customer_order set updated_at = (select occurred_at from order_event e
                                                        where e.order_id = customer_order.order_id order by version desc limit 1)
                where order_id = :id""").param("id", UUID.fromString(order)).update();
    }

    /** Every page of the stuck orders, at most 100 a page. */
    private static List<Map<String, Object>> allStuck(RestClient as) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> stuck = stuck(as.get().uri(ATTENTION + "?page=" + page + "&size=100").retrieve().body(MAP));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) stuck.get("items");
            all.addAll(items);
            if (items.isEmpty() || all.size() >= ((Number) stuck.get("total")).longValue()) {
                return all;
            }
        }
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> orders, String order) {
        return orders.stream().filter(item -> order.equals(item.get("orderId"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stuck(Map<String, Object> attention) {
        return (Map<String, Object>) attention.get("stuck");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> refunded(Map<String, Object> attention) {
        return (List<Map<String, Object>>) attention.get("refunded");
    }
}
