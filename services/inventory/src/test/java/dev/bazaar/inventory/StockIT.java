package dev.bazaar.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.application.StockKeeping.ProductAdded;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class StockIT {

    private static final String CATALOG = "catalog.events";

    @LocalServerPort
    int port;
    @Autowired
    StockKeeping stock;
    @Autowired
    JdbcClient jdbc;

    /** Anyone reads stock; only staff book goods in. */
    private RestClient anyone;
    private RestClient staff;

    @BeforeEach
    void client() {
        anyone = TestHttp.anonymous(port);
        staff = TestHttp.as(port, TestTokens.staff());
    }

    @Test
    void stocksEverySkuThatCatalogPutsOnSaleWithTheInitialStock() {
        String sku = freshSku();

        KafkaEvents.publish(CATALOG, "catalog", "ProductAdded", sku, Examples.productAdded(sku));

        await().atMost(Duration.ofSeconds(15)).until(() -> get(sku).getStatusCode().value() == 200);
        assertThat(get(sku).getBody()).isEqualTo(Map.of("sku", sku, "onHand", 50, "reserved", 0, "available", 50));
    }

    @Test
    void aProductAddedForAKnownSkuChangesNothing() {
        String sku = freshSku();
        stock.on(new ProductAdded(new Sku(sku)));
        stock.receive(new Sku(sku), 5);

        String again = KafkaEvents.publish(CATALOG, "catalog", "ProductAdded", sku, Examples.productAdded(sku));

        await().atMost(Duration.ofSeconds(15)).until(() -> handled(again));
        assertThat(get(sku).getBody()).containsEntry("onHand", 55).containsEntry("available", 55);
    }

    @Test
    void receivingGoodsAddsThemToWhatIsOnHand() {
        String sku = freshSku();
        stock.on(new ProductAdded(new Sku(sku)));

        ResponseEntity<Map<String, Object>> response = receive(sku, "{\"quantity\":7}");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(Map.of("sku", sku, "onHand", 57, "reserved", 0, "available", 57));
        assertThat(get(sku).getBody()).isEqualTo(response.getBody());
    }

    @Test
    void rejectsAnInvalidReceiptAndChangesNothing() {
        String sku = freshSku();
        stock.on(new ProductAdded(new Sku(sku)));

        for (String body : new String[] {"{\"quantity\":0}", "{\"quantity\":-3}", "{}", "{\"quantity\":2000000}"}) {
            ResponseEntity<Map<String, Object>> response = receive(sku, body);

            assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) response.getBody().get("detail")).as(body).contains("quantity");
        }
        ResponseEntity<Map<String, Object>> malformed = receive(sku, "{\"quantity\":\"many\"}");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody()).containsEntry("type", "https://bazaar.dev/problems/malformed-request");
        assertThat(get(sku).getBody()).containsEntry("onHand", 50);
    }

    @Test
    void anyoneReadsStockWithoutAToken() {
        String sku = freshSku();
        stock.on(new ProductAdded(new Sku(sku)));

        ResponseEntity<Map<String, Object>> read = get(sku);

        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).containsEntry("available", 50);
    }

    @Test
    void onlyStaffBookGoodsIn() {
        String sku = freshSku();
        stock.on(new ProductAdded(new Sku(sku)));

        ResponseEntity<Map<String, Object>> anonymous = receive(anyone, sku, "{\"quantity\":1}");
        ResponseEntity<Map<String, Object>> shopper = receive(TestHttp.as(port, TestTokens.shopper(UUID.randomUUID())), sku,
                "{\"quantity\":1}");

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(shopper.getStatusCode().value()).isEqualTo(403);
        assertThat(shopper.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get(sku).getBody()).containsEntry("onHand", 50);
        assertThat(receive(sku, "{\"quantity\":1}").getStatusCode().value()).as("staff").isEqualTo(200);
        assertThat(get(sku).getBody()).containsEntry("onHand", 51);
    }

    @Test
    void answersAnUnknownSkuWithAProblem() {
        for (String sku : new String[] {freshSku(), "not a sku"}) {
            ResponseEntity<Map<String, Object>> response = get(sku);

            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-sku");
        }
        String unknown = freshSku();
        assertThat(receive(unknown, "{\"quantity\":1}").getStatusCode().value()).isEqualTo(404);
        assertThat(stock.find(new Sku(unknown))).isEmpty();
    }

    private ResponseEntity<Map<String, Object>> get(String sku) {
        return anyone.get().uri("/api/inventory/stock/{sku}", sku).retrieve().toEntity(MAP);
    }

    /** A receipt as staff book it. */
    private ResponseEntity<Map<String, Object>> receive(String sku, String body) {
        return receive(staff, sku, body);
    }

    private static ResponseEntity<Map<String, Object>> receive(RestClient client, String sku, String body) {
        return client.post().uri("/api/inventory/stock/{sku}/receipts", sku).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(MAP);
    }

    private boolean handled(String eventId) {
        return jdbc.sql("select count(*) from inbox where event_id = ?").param(eventId).query(Long.class).single() == 1;
    }

    static String freshSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
