package dev.bazaar.ordering;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shopper's cart: changed one product at a time, priced from ordering's replica of catalog's prices with the price
 * each product had when it was added, and checked out into one order, once, however often the shopper clicks.
 */
@ServiceIntegrationTest
class CartIT {

    private static final String CARD = "4242424242424242";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private UUID customer;
    private RestClient shopper;
    private String book;
    private String lamp;

    @BeforeEach
    void replicasKnowProductsAndPaymentsKeysAndAShopperSignsIn() {
        customer = UUID.randomUUID();
        shopper = Fixtures.shopper(port, customer);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        lamp = Fixtures.newSku("HOME");
        Fixtures.publishProduct(book, "A Book", "39.90");
        Fixtures.publishProduct(lamp, "A Lamp", "12.05");
        Fixtures.awaitReplicas(jdbc, List.of(book, lamp));
    }

    @Test
    void aShopperAddsChangesAndRemovesProductsAndEachAnswerIsTheWholeCartPriced() {
        assertThat(cart()).containsEntry("items", List.of()).containsEntry("count", 0)
                .containsEntry("total", Map.of("amount", 0.0, "currency", "EUR"));

        Map<String, Object> added = put(shopper, book, 2).getBody();
        assertThat(items(added)).singleElement().isEqualTo(item(book, "A Book", 2, 39.9, 39.9, false, 79.8));
        assertThat(added).containsEntry("count", 2).containsEntry("total", money(79.8));

        put(shopper, lamp, 1);
        ResponseEntity<Map<String, Object>> changed = put(shopper, book, 5);
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(items(changed.getBody())).containsExactly(item(book, "A Book", 5, 39.9, 39.9, false, 199.5),
                item(lamp, "A Lamp", 1, 12.05, 12.05, false, 12.05));
        assertThat(changed.getBody()).containsEntry("count", 6).containsEntry("total", money(211.55));

        ResponseEntity<Map<String, Object>> removed = delete(shopper, book);
        assertThat(removed.getStatusCode().value()).isEqualTo(200);
        assertThat(items(removed.getBody())).containsExactly(item(lamp, "A Lamp", 1, 12.05, 12.05, false, 12.05));
        ResponseEntity<Map<String, Object>> again = delete(shopper, book);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(removed.getBody()).isEqualTo(cart());
    }

    @Test
    void aPriceCatalogChangedSinceTheProductWasAddedShowsAndTheNewPriceCountsAChangeOfQuantityKeepsTheOld() {
        put(shopper, book, 2);

        KafkaEvents.publish("catalog.events", "catalog", "ProductPriceChanged", book, """
                {"sku":"%s","oldPrice":{"amount":39.90,"currency":"EUR"},"newPrice":{"amount":35.00,"currency":"EUR"}}""".formatted(book));
        await().atMost(PATIENCE).until(() -> jdbc.sql("select amount from catalog_price where sku = :sku").param("sku", book)
                .query(BigDecimal.class).single().compareTo(new BigDecimal("35.00")) == 0);

        assertThat(items(cart())).singleElement().isEqualTo(item(book, "A Book", 2, 35.0, 39.9, true, 70.0));
        assertThat(cart()).containsEntry("total", money(70.0));
        assertThat(items(put(shopper, book, 3).getBody())).singleElement().isEqualTo(item(book, "A Book", 3, 35.0, 39.9, true, 105.0));
    }

    @Test
    void aProductOrderingDoesNotKnowIs404AndChangesNothing() {
        put(shopper, book, 1);
        String unknown = Fixtures.newSku("NONE");

        ResponseEntity<Map<String, Object>> answer = put(shopper, unknown, 1);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-product")
                .containsEntry("skus", List.of(unknown));
        assertThat(items(cart())).extracting(item -> item.get("sku")).containsExactly(book);
    }

    @Test
    void badInputIsA400ProblemAndChangesNothing() {
        put(shopper, book, 1);
        Map<String, Object> before = cart();

        List<ResponseEntity<Map<String, Object>>> answers = List.of(
                put(shopper, book, 0),
                put(shopper, book, 1001),
                put(shopper, "not a sku", 1),
                delete(shopper, "lower-case"),
                shopper.put().uri("/api/cart/items/" + book).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"quantity\":2.5}").retrieve().toEntity(MAP),
                shopper.put().uri("/api/cart/items/" + book).contentType(MediaType.APPLICATION_JSON)
                        .body("{}").retrieve().toEntity(MAP),
                shopper.put().uri("/api/cart/items/" + book).contentType(MediaType.APPLICATION_JSON)
                        .body("not json").retrieve().toEntity(MAP));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        });
        assertThat(answers.get(0).getBody().get("detail").toString()).contains("quantity");
        assertThat(cart()).isEqualTo(before);
    }

    @Test
    void aCartHoldsFiftyProductsAsOneOrderDoes() {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            String sku = Fixtures.newSku("MANY");
            Fixtures.publishProduct(sku, "Product " + i, "1.00");
            skus.add(sku);
        }
        Fixtures.awaitReplicas(jdbc, skus);
        skus.subList(0, 50).forEach(sku -> assertThat(put(shopper, sku, 1).getStatusCode().value()).isEqualTo(200));

        ResponseEntity<Map<String, Object>> full = put(shopper, skus.get(50), 1);

        assertThat(full.getStatusCode().value()).isEqualTo(400);
        assertThat(full.getBody()).containsEntry("type", "https://bazaar.dev/problems/cart-full");
        assertThat(items(cart())).hasSize(50);
        assertThat(put(shopper, skus.get(0), 7).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheCartIs401AndStaffAndTheOperatorAre403() {
        RestClient anonymous = TestHttp.anonymous(port);
        for (RestClient caller : List.of(anonymous, Fixtures.staff(port), TestHttp.as(port, TestTokens.operator()))) {
            List<ResponseEntity<Map<String, Object>>> answers = List.of(
                    caller.get().uri("/api/cart").retrieve().toEntity(MAP),
                    put(caller, book, 1),
                    delete(caller, book),
                    checkout(caller, CARD, UUID.randomUUID().toString()));
            int expected = caller == anonymous ? 401 : 403;
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.getStatusCode().value()).isEqualTo(expected);
                assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            });
        }
    }

    @Test
    void eachShopperHasTheirOwnCart() {
        put(shopper, book, 1);
        RestClient another = Fixtures.shopper(port, UUID.randomUUID());

        assertThat(another.get().uri("/api/cart").retrieve().body(MAP)).containsEntry("items", List.of());
    }

    @Test
    void checkoutPlacesOneOrderOfTheCartsLinesAndEmptiesTheCart() {
        put(shopper, book, 2);
        put(shopper, lamp, 1);

        ResponseEntity<Map<String, Object>> placed = checkout(shopper, CARD, UUID.randomUUID().toString());

        assertThat(placed.getStatusCode().value()).isEqualTo(202);
        String orderId = (String) placed.getBody().get("orderId");
        assertThat(placed.getBody()).isEqualTo(Map.of("orderId", orderId, "status", "PENDING"));
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
        Map<String, Object> order = shopper.get().uri("/api/orders/" + orderId).retrieve().body(MAP);
        assertThat(order).containsEntry("customerId", customer.toString()).containsEntry("status", "PENDING")
                .containsEntry("total", money(91.85)).containsEntry("payment", Map.of("cardLast4", "4242"));
        assertThat(order.get("lines")).isEqualTo(List.of(
                Map.of("sku", book, "name", "A Book", "quantity", 2, "unitPrice", money(39.9)),
                Map.of("sku", lamp, "name", "A Lamp", "quantity", 1, "unitPrice", money(12.05))));
        assertThat(cart()).containsEntry("items", List.of()).containsEntry("count", 0);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyTwiceOrdersOnceAndAnswersTheSame() {
        put(shopper, book, 1);
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> first = checkout(shopper, CARD, key);
        ResponseEntity<Map<String, Object>> retry = checkout(shopper, CARD, key);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(retry.getStatusCode().value()).isEqualTo(202);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void aDoubleClickOrdersOnceWhetherItsTwoRequestsShareAKeyOrNot() throws Exception {
        put(shopper, book, 1);
        put(shopper, lamp, 2);
        String key = UUID.randomUUID().toString();

        List<ResponseEntity<Map<String, Object>>> sameKey = together(4, () -> checkout(shopper, CARD, key));

        assertThat(sameKey).extracting(answer -> answer.getStatusCode().value()).containsOnly(202);
        assertThat(sameKey).extracting(ResponseEntity::getBody).containsOnly(sameKey.get(0).getBody());
        assertThat(ordersOf(customer)).isEqualTo(1);

        put(shopper, book, 1);
        List<ResponseEntity<Map<String, Object>>> ownKeys = together(2, () -> checkout(shopper, CARD, UUID.randomUUID().toString()));

        // The second waits for the first's hold on the cart, then finds nothing left to order.
        assertThat(ownKeys).extracting(answer -> answer.getStatusCode().value()).containsExactlyInAnyOrder(202, 409);
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void anEmptyCartIsNotCheckedOutAndItsKeyStaysFree() {
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> empty = checkout(shopper, CARD, key);

        assertThat(empty.getStatusCode().value()).isEqualTo(409);
        assertThat(empty.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(empty.getBody()).containsEntry("type", "https://bazaar.dev/problems/cart-empty");
        assertThat(ordersOf(customer)).isZero();
        put(shopper, book, 1);
        assertThat(checkout(shopper, CARD, key).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aBadCardOrAMissingKeyIsA400ProblemAndTheCartIsLeftAsItWas() {
        put(shopper, book, 2);
        Map<String, Object> before = cart();

        ResponseEntity<Map<String, Object>> badCard = checkout(shopper, "4242424242424241", UUID.randomUUID().toString());
        ResponseEntity<Map<String, Object>> noKey = shopper.post().uri("/api/cart/checkout").contentType(MediaType.APPLICATION_JSON)
                .body(checkoutBody(CARD)).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> longKey = checkout(shopper, CARD, "k".repeat(201));
        ResponseEntity<Map<String, Object>> noCard = shopper.post().uri("/api/cart/checkout").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{}").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(badCard, noKey, longKey, noCard)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String mistyped = "The card number is mistyped (its check digit does not match)";
        assertThat(badCard.getBody()).containsEntry("detail", mistyped)
                .containsEntry("errors", List.of(Map.of("field", "payment.card", "message", mistyped)));
        assertThat(badCard.toString()).doesNotContain("4242424242424241");
        assertThat(noKey.getBody().get("detail").toString()).contains("Idempotency-Key");
        assertThat(cart()).isEqualTo(before);
        assertThat(ordersOf(customer)).isZero();
    }

    @Test
    void aKeyFirstUsedForAnOrderOfLinesIsNotReusedForTheCart() {
        String key = UUID.randomUUID().toString();
        assertThat(shopper.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .body(Fixtures.orderRequest(CARD, lamp, "1")).retrieve().toEntity(MAP).getStatusCode().value()).isEqualTo(202);
        put(shopper, book, 1);

        ResponseEntity<Map<String, Object>> reused = checkout(shopper, CARD, key);

        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(reused.getBody()).containsEntry("type", "https://bazaar.dev/problems/idempotency-key-reused");
        assertThat(items(cart())).hasSize(1);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    private Map<String, Object> cart() {
        ResponseEntity<Map<String, Object>> answer = shopper.get().uri("/api/cart").retrieve().toEntity(MAP);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return answer.getBody();
    }

    private static ResponseEntity<Map<String, Object>> put(RestClient as, String sku, int quantity) {
        return as.put().uri("/api/cart/items/" + sku).contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\":" + quantity + "}").retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> delete(RestClient as, String sku) {
        return as.delete().uri("/api/cart/items/" + sku).retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> checkout(RestClient as, String card, String key) {
        return as.post().uri("/api/cart/checkout").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .body(checkoutBody(card)).retrieve().toEntity(MAP);
    }

    private static String checkoutBody(String card) {
        return "{\"payment\":{\"card\":\"" + card + "\"}}";
    }

    private long ordersOf(UUID customer) {
        return jdbc.sql("select count(*) from customer_order where customer_id = :id").param("id", customer).query(Long.class).single();
    }

    /** The same request from n clients at once, as a double (or quadruple) click sends it. */
    private static List<ResponseEntity<Map<String, Object>>> together(int clients,
            java.util.concurrent.Callable<ResponseEntity<Map<String, Object>>> request) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(clients);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<ResponseEntity<Map<String, Object>>> answers = new ArrayList<>();
        try {
            List<Future<ResponseEntity<Map<String, Object>>>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(threads.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return request.call();
                }));
            }
            for (Future<ResponseEntity<Map<String, Object>>> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        return answers;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> cart) {
        return (List<Map<String, Object>>) cart.get("items");
    }

    private static Map<String, Object> money(double amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    private static Map<String, Object> item(String sku, String name, int quantity, double unitPrice, double priceWhenAdded,
                                            boolean priceChanged, double lineTotal) {
        return Map.of("sku", sku, "name", name, "quantity", quantity, "unitPrice", money(unitPrice), "priceWhenAdded",
                money(priceWhenAdded), "priceChanged", priceChanged, "lineTotal", money(lineTotal), "available", true);
    }
}
