package dev.bazaar.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.catalog.product.Money;
import dev.bazaar.catalog.product.Product;
import dev.bazaar.catalog.product.Sku;
import dev.bazaar.catalog.product.application.ProductCatalog;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CatalogIT {

    private static final String TOPIC = "catalog.events";

    @LocalServerPort
    int port;
    @Autowired
    ProductCatalog catalog;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;

    /** Reads as anyone does, without a token. */
    private RestClient http;
    /** Writes as staff, who keep the catalog. */
    private RestClient staff;

    @BeforeEach
    void clients() {
        http = TestHttp.anonymous(port);
        staff = TestHttp.as(port, TestTokens.staff());
    }

    @Test
    void seedsADemoCatalogOfAtLeast24ProductsInAtLeast4Categories() {
        Map<String, Object> page = get("/api/catalog/products?size=100");

        List<Map<String, Object>> items = items(page);
        assertThat((Integer) page.get("total")).isGreaterThanOrEqualTo(24);
        assertThat(items.stream().map(item -> item.get("category")).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(4);
        assertThat(items.get(0)).containsKeys("sku", "name", "description", "category", "price");
        @SuppressWarnings("unchecked") Map<String, Object> price = (Map<String, Object>) items.get(0).get("price");
        assertThat(price).containsKeys("amount", "currency");
    }

    @Test
    void searchesByTextAndCategoryAndPages() {
        assertThat(items(get("/api/catalog/products?q=espresso"))).extracting(item -> item.get("sku")).containsExactly("HOME-001");
        Map<String, Object> garden = get("/api/catalog/products?category=garden&size=2&page=1");
        assertThat(garden).containsEntry("total", 6).containsEntry("page", 1).containsEntry("size", 2);
        assertThat(items(garden)).hasSize(2).allSatisfy(item -> assertThat(item).containsEntry("category", "garden"));
    }

    @Test
    void searchIsServedFromItsReadModelWhichFollowsEveryChange() {
        staff.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                .body("{\"sku\":\"SUN-1\",\"name\":\"Quartz Sundial\",\"category\":\"curios\",\"price\":{\"amount\":10,\"currency\":\"EUR\"}}")
                .retrieve().toBodilessEntity();
        assertThat(items(get("/api/catalog/products?q=SUNDIAL"))).extracting(item -> item.get("sku")).containsExactly("SUN-1");

        staff.put().uri("/api/catalog/products/SUN-1/price").contentType(MediaType.APPLICATION_JSON)
                .body("{\"amount\":12.00,\"currency\":\"EUR\"}").retrieve().toBodilessEntity();

        assertThat(items(get("/api/catalog/products?category=curios")).get(0).get("price")).isEqualTo(Map.of("amount", 12.00, "currency", "EUR"));
        assertThat(jdbc.sql("select price from product_listing where sku = 'SUN-1'").query(BigDecimal.class).single())
                .isEqualByComparingTo("12.00");
    }

    @Test
    void answersAnUnknownSkuWithAProblem() {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/api/catalog/products/NOPE-1").retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-product");
    }

    @Test
    void rejectsAnInvalidProductAndChangesNothing() {
        ResponseEntity<Map<String, Object>> response = staff.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                .body("{\"sku\":\"NEW-1\",\"name\":\"\",\"category\":\"books\",\"price\":{\"amount\":-1,\"currency\":\"EUR\"}}")
                .retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains("name").contains("price.amount");
        assertThat(http.get().uri("/api/catalog/products/NEW-1").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void refusesWhatTheDatabaseWouldRefuseAsAProblemNamingTheFieldAndChangesNothing() {
        for (String body : List.of(
                "{\"sku\":\"NUL-1\",\"name\":\"Lamp\\u0000\",\"category\":\"home\",\"price\":{\"amount\":10,\"currency\":\"EUR\"}}",
                "{\"sku\":\"NUL-1\",\"name\":\"Lamp\",\"category\":\"home\",\"price\":{\"amount\":1e11,\"currency\":\"EUR\"}}",
                // An exponent that, written out in plain digits, would fill more than the heap.
                "{\"sku\":\"NUL-1\",\"name\":\"Lamp\",\"category\":\"home\",\"price\":{\"amount\":1e999999999,\"currency\":\"EUR\"}}",
                "{\"sku\":\"NUL-1\",\"name\":\"Lamp\",\"category\":\"home\",\"price\":{\"amount\":\"ten\",\"currency\":\"EUR\"}}")) {
            ResponseEntity<Map<String, Object>> response = staff.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat((String) response.getBody().get("detail")).as(body)
                    .containsAnyOf("name must not contain a NUL character", "at most 9999999999.99", "price.amount must be a number")
                    .doesNotContain("java.", "BigDecimal", "$");
        }
        // A URI as sent, not a template: a template would encode the % itself.
        ResponseEntity<Map<String, Object>> search = http.get().uri(URI.create("http://localhost:" + port + "/api/catalog/products?q=lamp%00"))
                .retrieve().toEntity(MAP);
        assertThat(search.getStatusCode().value()).isEqualTo(400);
        assertThat((String) search.getBody().get("detail")).contains("NUL");
        assertThat(http.get().uri("/api/catalog/products/NUL-1").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void takesAPriceWithTrailingZerosAsTheSameAmountLikeEveryService() {
        ResponseEntity<Map<String, Object>> response = staff.put().uri("/api/catalog/products/BOOK-005/price")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":39.900,\"currency\":\"EUR\"}").retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(staff.put().uri("/api/catalog/products/BOOK-005/price").contentType(MediaType.APPLICATION_JSON)
                .body("{\"amount\":39.901,\"currency\":\"EUR\"}").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void publishesEverySeededProductAccordingToItsContract() {
        relay.drain();
        List<ConsumerRecord<String, String>> added = KafkaEvents.readAll(TOPIC).stream().filter(ofType("ProductAdded")).toList();

        assertThat(added).hasSizeGreaterThanOrEqualTo(24);
        added.forEach(event -> Contracts.assertConforms("catalog", "ProductAdded", event.value()));
        assertThat(KafkaEvents.header(added.get(0), "ce_source")).contains("/bazaar/catalog");
    }

    @Test
    void publishesAPriceChangeAccordingToItsContract() {
        ResponseEntity<Map<String, Object>> response = staff.put().uri("/api/catalog/products/BOOK-004/price")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":29.95,\"currency\":\"EUR\"}").retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        ConsumerRecord<String, String> changed = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("ProductPriceChanged", "BOOK-004"));
        Contracts.assertConforms("catalog", "ProductPriceChanged", changed.value());
        assertThat(changed.value()).contains("29.95");
    }

    @Test
    void anyoneReadsTheCatalogWithoutAToken() {
        ResponseEntity<Map<String, Object>> search = http.get().uri("/api/catalog/products?q=espresso").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> product = http.get().uri("/api/catalog/products/HOME-001").retrieve().toEntity(MAP);

        assertThat(search.getStatusCode().value()).isEqualTo(200);
        assertThat(product.getStatusCode().value()).isEqualTo(200);
        assertThat(product.getBody()).containsEntry("sku", "HOME-001");
    }

    @Test
    void withoutATokenTheCatalogIsNotChanged() {
        ResponseEntity<Map<String, Object>> added = http.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                .body(newProduct("ANON-1")).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> repriced = http.put().uri("/api/catalog/products/BOOK-003/price")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":0.01,\"currency\":\"EUR\"}").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(added, repriced)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(catalog.find(new Sku("ANON-1"))).isEmpty();
        assertThat(catalog.find(new Sku("BOOK-003")).orElseThrow().price()).isNotEqualTo(Money.of("0.01", "EUR"));
    }

    @Test
    void aShopperMayNotChangeTheCatalog() {
        RestClient shopper = TestHttp.as(port, TestTokens.shopper(UUID.randomUUID()));
        Money before = catalog.find(new Sku("BOOK-002")).orElseThrow().price();

        ResponseEntity<Map<String, Object>> added = shopper.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                .body(newProduct("SHOP-1")).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> repriced = shopper.put().uri("/api/catalog/products/BOOK-002/price")
                .contentType(MediaType.APPLICATION_JSON).body("{\"amount\":0.01,\"currency\":\"EUR\"}").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(added, repriced)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) refused.getBody().get("detail")).contains("staff");
        }
        assertThat(catalog.find(new Sku("SHOP-1"))).isEmpty();
        assertThat(catalog.find(new Sku("BOOK-002")).orElseThrow().price()).isEqualTo(before);
        assertThat(http.get().uri("/api/catalog/products/SHOP-1").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void staffAddAProduct() {
        ResponseEntity<Map<String, Object>> added = staff.post().uri("/api/catalog/products").contentType(MediaType.APPLICATION_JSON)
                .body(newProduct("STAFF-1")).retrieve().toEntity(MAP);

        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(added.getHeaders().getLocation()).hasToString("/api/catalog/products/STAFF-1");
        assertThat(http.get().uri("/api/catalog/products/STAFF-1").retrieve().body(MAP)).containsEntry("name", "Brass Compass");
    }

    @Test
    void outboxPublishesWhatATransactionCommitsAndNothingThatItRollsBack() {
        transactions.executeWithoutResult(status -> {
            catalog.add(product("ROLLED-BACK-1"));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> catalog.add(product("COMMITTED-1")));
        relay.drain();

        Set<String> published = KafkaEvents.readAll(TOPIC).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(published).contains("COMMITTED-1").doesNotContain("ROLLED-BACK-1");
        assertThat(catalog.find(new Sku("ROLLED-BACK-1"))).isEmpty();
    }

    private static Product product(String sku) {
        return new Product(new Sku(sku), "Test product " + sku, "", "test", Money.of("1.00", "EUR"));
    }

    private static String newProduct(String sku) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"Brass Compass\",\"category\":\"instruments\",\"price\":{\"amount\":25,\"currency\":\"EUR\"}}";
    }

    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).retrieve().body(MAP);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
