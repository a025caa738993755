package dev.bazaar.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.bazaar.payment.charge.Payment;
import dev.bazaar.payment.charge.application.DuePayments;
import dev.bazaar.payment.charge.application.ProcessorGuard;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.tracing.Traced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static dev.bazaar.payment.Saga.APPROVED_CARD;
import static dev.bazaar.payment.Saga.WAIT;
import static dev.bazaar.payment.Saga.awaitEvent;
import static dev.bazaar.payment.Saga.cancelOrder;
import static dev.bazaar.payment.Saga.eventsAbout;
import static dev.bazaar.payment.Saga.placeOrder;
import static dev.bazaar.payment.Saga.reserveStock;
import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment against a card processor that is down, slow or flaky (see test resources
 * config/application.properties for the shortened time limit, backoff and circuit breaker): the
 * charge waits, nothing is announced before it is made, and nothing is ever charged twice.
 */
@ServiceIntegrationTest
class ProcessorResilienceIT {

    private static final String HEALTHY = "{\"latencyMs\":0,\"failureRate\":0.0,\"outage\":false}";
    private static final String OUTAGE = "{\"latencyMs\":0,\"failureRate\":0.0,\"outage\":true}";

    @LocalServerPort
    int port;
    @Autowired
    OutboxRelay relay;
    @Autowired
    ProcessorGuard guard;
    @Autowired
    DuePayments payments;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry metrics;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @AfterEach
    void healProcessor() {
        drill(HEALTHY);
        guard.closeCircuit();
    }

    @Test
    void anOutageKeepsTheChargePendingAndUnannouncedThenItIsCapturedExactlyOnce() throws Exception {
        UUID order = UUID.randomUUID();
        double errorsBefore = chargeErrors();
        double capturedBefore = metrics.get("bazaar.payments.captured").counter().count();
        drill(OUTAGE);

        placeOrder(order, APPROVED_CARD, "42.00");
        reserveStock(order);

        await().atMost(WAIT).until(() -> attempts(order) >= 3);
        Map<String, Object> waiting = admin(order);
        assertThat(waiting).containsEntry("status", "PENDING").containsEntry("captures", 0);
        assertThat(waiting.get("nextAttemptAt")).isNotNull();
        assertThat((String) waiting.get("lastError")).containsAnyOf("connection refused", "circuit open");
        relay.drain();
        assertThat(eventsAbout(order)).as("nothing is announced while the charge waits").isEmpty();

        drill(HEALTHY);

        Contracts.assertConforms("payment", "PaymentCaptured", awaitEvent("PaymentCaptured", order).value());
        await().atMost(WAIT).until(() -> "CAPTURED".equals(status(order)));
        assertThat(admin(order)).containsEntry("captures", 1).containsEntry("refunds", 0)
                .containsEntry("nextAttemptAt", null);
        relay.drain();
        assertThat(eventsAbout(order)).filteredOn(ofType("PaymentCaptured")).hasSize(1);
        // Every failed attempt recorded on the payment counted once (the last attempt is the one that captured).
        int failedAttempts = attempts(order) - 1;
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(chargeErrors() - errorsBefore).isEqualTo(failedAttempts);
            assertThat(metrics.get("bazaar.payments.captured").counter().count()).isEqualTo(capturedBefore + 1);
        });
        assertThat(failedAttempts).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenSkipsAttemptsWithoutCallingTheProcessor() throws Exception {
        UUID order = UUID.randomUUID();
        drill(OUTAGE);

        placeOrder(order, APPROVED_CARD, "15.00");
        reserveStock(order);

        await().atMost(WAIT).until(() -> "OPEN".equals(processor().get("circuitBreaker")));
        await().atMost(WAIT).until(() -> lastError(order).contains("circuit open"));
        assertThat(admin(order)).containsEntry("status", "PENDING");

        drill(HEALTHY);

        awaitEvent("PaymentCaptured", order);
        await().atMost(WAIT).until(() -> "CLOSED".equals(processor().get("circuitBreaker")));
        assertThat(admin(order)).containsEntry("captures", 1);
    }

    @Test
    void aChargeWhoseAnswerCameTooLateIsRetriedWithItsKeyAndCapturedOnce() throws Exception {
        UUID order = UUID.randomUUID();
        double timeoutsBefore = processorErrors("charge", "timeout");
        drill("{\"latencyMs\":1500,\"failureRate\":0.0,\"outage\":false}");

        placeOrder(order, APPROVED_CARD, "61.30");
        reserveStock(order);

        await().atMost(WAIT).until(() -> lastError(order).contains("no answer within 400 ms"));
        assertThat(admin(order)).as("charged at the processor, but payment never heard so")
                .containsEntry("status", "PENDING").containsEntry("captures", 1);

        drill(HEALTHY);

        awaitEvent("PaymentCaptured", order);
        await().atMost(WAIT).until(() -> "CAPTURED".equals(status(order)));
        assertThat(attempts(order)).isGreaterThan(1);
        assertThat(admin(order)).as("the retries carried the same idempotency key").containsEntry("captures", 1);
        relay.drain();
        assertThat(eventsAbout(order)).filteredOn(ofType("PaymentCaptured")).hasSize(1);
        assertThat(processorErrors("charge", "timeout") - timeoutsBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anOrderCancelledWhileItsChargeIsRetriedIsVoidedAndNeverCaptured() throws Exception {
        UUID order = UUID.randomUUID();
        drill(OUTAGE);
        placeOrder(order, APPROVED_CARD, "20.00");
        reserveStock(order);
        await().atMost(WAIT).until(() -> attempts(order) >= 2);

        cancelOrder(order, "deadline passed");
        await().atMost(WAIT).until(() -> List.of("VOIDED", "VOIDING").contains(status(order)));
        drill(HEALTHY);

        await().atMost(WAIT).until(() -> "VOIDED".equals(status(order)));
        Thread.sleep(500); // Long enough for a stray retry to have been made, were one still scheduled.
        assertThat(admin(order)).containsEntry("status", "VOIDED").containsEntry("captures", 0)
                .containsEntry("reason", "order cancelled: deadline passed").containsEntry("nextAttemptAt", null);
        relay.drain();
        assertThat(eventsAbout(order)).as("no money moved: nothing to announce").isEmpty();
    }

    @Test
    void anOrderCancelledAfterAChargeWhoseAnswerWasLostIsVoidedAtTheProcessor() throws Exception {
        UUID order = UUID.randomUUID();
        drill("{\"latencyMs\":1500,\"failureRate\":0.0,\"outage\":false}");
        placeOrder(order, APPROVED_CARD, "33.00");
        reserveStock(order);
        await().atMost(WAIT).until(() -> lastError(order).contains("no answer"));

        cancelOrder(order, "customer changed mind");
        await().atMost(WAIT).until(() -> "VOIDING".equals(status(order)));
        drill(HEALTHY);

        await().atMost(WAIT).until(() -> "VOIDED".equals(status(order)));
        assertThat(admin(order)).as("the charge that went through unseen was reversed")
                .containsEntry("captures", 1).containsEntry("refunds", 1);
        relay.drain();
        assertThat(eventsAbout(order)).filteredOn(ofType("PaymentCaptured")).isEmpty();
    }

    @Test
    void aRefundWaitsOutAnOutageAndIsMadeOnce() throws Exception {
        UUID order = UUID.randomUUID();
        double refundsBefore = metrics.get("bazaar.refunds").counter().count();
        double refundErrorsBefore = processorErrors("refund", "unavailable") + processorErrors("refund", "circuit_open");
        placeOrder(order, APPROVED_CARD, "18.40");
        reserveStock(order);
        awaitEvent("PaymentCaptured", order);
        drill(OUTAGE);

        cancelOrder(order, "shipment failed");

        await().atMost(WAIT).until(() -> attempts(order) >= 2);
        assertThat(admin(order)).containsEntry("status", "REFUNDING").containsEntry("refunds", 0);
        relay.drain();
        assertThat(eventsAbout(order)).filteredOn(ofType("PaymentRefunded")).isEmpty();

        drill(HEALTHY);

        Contracts.assertConforms("payment", "PaymentRefunded", awaitEvent("PaymentRefunded", order).value());
        await().atMost(WAIT).until(() -> "REFUNDED".equals(status(order)));
        assertThat(admin(order)).containsEntry("captures", 1).containsEntry("refunds", 1);
        relay.drain();
        assertThat(eventsAbout(order)).filteredOn(ofType("PaymentRefunded")).hasSize(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(metrics.get("bazaar.refunds").counter().count()).isEqualTo(refundsBefore + 1));
        assertThat(processorErrors("refund", "unavailable") + processorErrors("refund", "circuit_open") - refundErrorsBefore)
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void randomFailuresAreRetriedUntilEveryOrderIsCapturedExactlyOnce() throws Exception {
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        drill("{\"latencyMs\":0,\"failureRate\":0.3,\"outage\":false}");

        for (UUID order : orders) {
            placeOrder(order, APPROVED_CARD, "9.99");
            reserveStock(order);
        }

        for (UUID order : orders) {
            awaitEvent("PaymentCaptured", order);
        }
        relay.drain();
        for (UUID order : orders) {
            assertThat(admin(order)).containsEntry("status", "CAPTURED").containsEntry("captures", 1);
            assertThat(eventsAbout(order)).filteredOn(ofType("PaymentCaptured")).hasSize(1);
        }
    }

    @Test
    void twoWorkersNeverClaimTheSamePaymentAndALeaseKeepsItFromOthersUntilItRunsOut() throws Exception {
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (UUID order : orders) {
            placeOrder(order, APPROVED_CARD, "5.00");
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(o -> admin(o) != null));
        // Due an hour from now: the running worker leaves them alone, the claims below pretend to be that late.
        Instant due = Instant.now().plus(Duration.ofHours(1));
        jdbc.sql("update payment set next_attempt_at = ? where order_id in (?, ?)")
                .params(java.sql.Timestamp.from(due), orders.get(0), orders.get(1)).update();
        Instant late = due.plusSeconds(1);
        List<UUID> tokens = new ArrayList<>();
        try {
            CountDownLatch firstClaimed = new CountDownLatch(1);
            CountDownLatch firstMayCommit = new CountDownLatch(1);
            UUID firstToken = token(tokens);
            CompletableFuture<List<Payment>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
                List<Payment> claimed = claimed(payments.claimDue(late, 1000, late.plusSeconds(30), firstToken));
                firstClaimed.countDown();
                awaitQuietly(firstMayCommit);
                return claimed;
            }));
            assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();

            List<Payment> whileFirstHoldsThem = claim(late, token(tokens));
            firstMayCommit.countDown();
            List<Payment> firstClaims = first.get(10, TimeUnit.SECONDS);
            List<Payment> whileLeased = claim(late.plusSeconds(10), token(tokens));
            List<Payment> afterTheLeaseRanOut = claim(late.plusSeconds(31), token(tokens));

            assertThat(orderIds(firstClaims)).containsAll(orders);
            assertThat(orderIds(whileFirstHoldsThem)).doesNotContainAnyElementsOf(orders);
            assertThat(orderIds(whileLeased)).doesNotContainAnyElementsOf(orders);
            assertThat(orderIds(afterTheLeaseRanOut)).containsAll(orders);
        } finally {
            for (UUID token : tokens) {
                jdbc.sql("update payment set lease_token = null, lease_until = null where lease_token = ?").param(token).update();
            }
            jdbc.sql("update payment set next_attempt_at = null where order_id in (?, ?)").params(orders.get(0), orders.get(1)).update();
        }
    }

    @Test
    void theProcessorsBehaviourIsChangedAtRuntimeWithinItsLimits() {
        ResponseEntity<Map<String, Object>> changed = http.put().uri("/admin/processor").contentType(MediaType.APPLICATION_JSON)
                .body("{\"latencyMs\":250,\"failureRate\":0.25,\"outage\":false}").retrieve().toEntity(MAP);

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(processor()).containsEntry("latencyMs", 250).containsEntry("failureRate", 0.25)
                .containsEntry("outage", false).containsEntry("circuitBreaker", "CLOSED");

        for (String invalid : List.of("{\"latencyMs\":60001,\"failureRate\":0.0,\"outage\":false}",
                "{\"latencyMs\":0,\"failureRate\":1.5,\"outage\":false}",
                "{\"latencyMs\":0,\"failureRate\":0.0}",
                "{\"latencyMs\":\"slow\",\"failureRate\":0.0,\"outage\":false}")) {
            ResponseEntity<Map<String, Object>> refused = http.put().uri("/admin/processor")
                    .contentType(MediaType.APPLICATION_JSON).body(invalid).retrieve().toEntity(MAP);
            assertThat(refused.getStatusCode().value()).as(invalid).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<Map<String, Object>> tooSlow = http.put().uri("/admin/processor").contentType(MediaType.APPLICATION_JSON)
                .body("{\"latencyMs\":60001,\"failureRate\":2,\"outage\":false}").retrieve().toEntity(MAP);
        assertThat(String.valueOf(tooSlow.getBody().get("detail"))).contains("latencyMs", "failureRate");
        assertThat(processor()).as("a refused change changes nothing").containsEntry("latencyMs", 250);
    }

    @Test
    void listsPaymentsPageByPageWithWhatTheProcessorMovedForEach() throws Exception {
        UUID order = UUID.randomUUID();
        placeOrder(order, APPROVED_CARD, "12.34");
        reserveStock(order);
        awaitEvent("PaymentCaptured", order);

        ResponseEntity<Map<String, Object>> first = http.get().uri("/admin/payments?page=0&size=1").retrieve().toEntity(MAP);
        Map<String, Object> captured = admin(order);

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("page", 0).containsEntry("size", 1);
        assertThat((List<?>) first.getBody().get("items")).hasSize(1);
        assertThat(((Number) first.getBody().get("total")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(captured).containsEntry("status", "CAPTURED").containsEntry("cardLast4", "4242")
                .containsEntry("amount", Map.of("amount", 12.34, "currency", "EUR"))
                .containsEntry("captures", 1).containsEntry("refunds", 0).containsEntry("attempts", 1)
                .containsKeys("paymentId", "orderId");
        assertThat(http.get().uri("/admin/payments?size=1001").retrieve().toEntity(MAP).getStatusCode().value()).isEqualTo(400);
        assertThat(http.get().uri("/admin/payments?page=-1").retrieve().toEntity(MAP).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void listsPaymentsByOrderIdWalkingWithAfterToTheEndOrThrough() throws Exception {
        for (int i = 0; i < 3; i++) {
            UUID order = UUID.randomUUID();
            placeOrder(order, APPROVED_CARD, "5.00");
            reserveStock(order);
            awaitEvent("PaymentCaptured", order);
        }
        List<String> whole = new ArrayList<>();
        List<String> ids;
        int page = 0;
        do {
            ids = listedOrders(payments("page=" + page++ + "&size=1000"));
            whole.addAll(ids);
        } while (ids.size() == 1000);

        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> body = payments("size=2" + (after == null ? "" : "&after=" + after));
            assertThat(body).containsEntry("page", 0).containsEntry("size", 2);
            if (after == null) {
                assertThat(body).containsEntry("total", whole.size());
            } else {
                assertThat(body).as("a page after a key is not counted").doesNotContainKey("total");
            }
            ids = listedOrders(body);
            walked.addAll(ids);
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        } while (ids.size() == 2);

        // The text of a UUID sorts as PostgreSQL sorts uuids (unsigned, byte by byte); Java's UUID.compareTo does not.
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
        assertThat(walked).isEqualTo(whole);
        assertThat(listedOrders(payments("size=1000&through=" + whole.get(1)))).isEqualTo(whole.subList(0, 2));
        assertThat(listedOrders(payments("after=" + whole.get(0) + "&through=" + whole.get(2)))).isEqualTo(whole.subList(1, 3));
        assertThat(payments("after=" + whole.get(0) + "&through=" + whole.get(2))).doesNotContainKey("total");
    }

    @Test
    void refusesAPageWithAfterAndAnOrderIdThatIsNoUuid() {
        ResponseEntity<Map<String, Object>> pageAndAfter = http.get().uri("/admin/payments?page=1&after=" + UUID.randomUUID())
                .retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> badAfter = http.get().uri("/admin/payments?after=not-a-uuid").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> badThrough = http.get().uri("/admin/payments?through=42").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> invalid : List.of(pageAndAfter, badAfter, badThrough)) {
            assertThat(invalid.getStatusCode().value()).isEqualTo(400);
            assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(invalid.getBody()).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
        }
        assertThat((String) pageAndAfter.getBody().get("detail")).contains("page and after exclude each other");
        assertThat((String) badAfter.getBody().get("detail")).isEqualTo("after must be a UUID");
        assertThat((String) badThrough.getBody().get("detail")).isEqualTo("through must be a UUID");
    }

    private Map<String, Object> payments(String query) {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/admin/payments?" + query).retrieve().toEntity(MAP);
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> listedOrders(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("orderId")).toList();
    }

    private static UUID token(List<UUID> tokens) {
        UUID token = UUID.randomUUID();
        tokens.add(token);
        return token;
    }

    private List<Payment> claim(Instant now, UUID token) {
        return transactions.execute(status -> claimed(payments.claimDue(now, 1000, now.plusSeconds(30), token)));
    }

    private static List<Payment> claimed(List<Traced<Payment>> claims) {
        return claims.stream().map(Traced::value).toList();
    }

    private static List<UUID> orderIds(List<Payment> claimed) {
        return claimed.stream().map(Payment::orderId).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double processorErrors(String operation, String kind) {
        return metrics.get("bazaar.payments.processor.errors").tag("operation", operation).tag("kind", kind).counter().count();
    }

    /** Failed charge attempts of every kind. */
    private double chargeErrors() {
        return metrics.get("bazaar.payments.processor.errors").tag("operation", "charge").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private void drill(String behaviour) {
        ResponseEntity<Map<String, Object>> response = http.put().uri("/admin/processor")
                .contentType(MediaType.APPLICATION_JSON).body(behaviour).retrieve().toEntity(MAP);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    private Map<String, Object> processor() {
        return http.get().uri("/admin/processor").retrieve().body(MAP);
    }

    private int attempts(UUID order) {
        Map<String, Object> payment = admin(order);
        return payment == null ? 0 : ((Number) payment.get("attempts")).intValue();
    }

    private String status(UUID order) {
        Map<String, Object> payment = admin(order);
        return payment == null ? null : (String) payment.get("status");
    }

    private String lastError(UUID order) {
        Map<String, Object> payment = admin(order);
        return payment == null ? "" : String.valueOf(payment.get("lastError"));
    }

    /** The order's payment as /admin/payments lists it, or null while it has none. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> admin(UUID order) {
        for (int page = 0; ; page++) {
            Map<String, Object> body = http.get().uri("/admin/payments?page={page}&size=1000", page).retrieve().body(MAP);
            List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
            for (Map<String, Object> item : items) {
                if (order.toString().equals(item.get("orderId"))) {
                    return item;
                }
            }
            if (items.size() < 1000) {
                return null;
            }
        }
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
