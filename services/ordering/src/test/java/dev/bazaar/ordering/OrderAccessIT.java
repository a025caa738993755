package dev.bazaar.ordering;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what with orders: only a shopper places one, for themselves; a shopper sees only their own orders and
 * list, another's being as unknown as an id nobody has; staff see everyone's.
 */
@ServiceIntegrationTest
class OrderAccessIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private UUID alice;
    private RestClient asAlice;
    private String book;

    @BeforeEach
    void replicasKnowAProductAndPaymentsKeysAndAliceSignsIn() {
        alice = UUID.randomUUID();
        asAlice = Fixtures.shopper(port, alice);
        Fixtures.publishPaymentKey();
        book = Fixtures.newSku("BOOK");
        Fixtures.publishProduct(book, "A Book", "10.00");
        Fixtures.awaitReplicas(jdbc, List.of(book));
    }

    @Test
    void withoutATokenPlacingAndReadingAre401Problems() {
        RestClient anonymous = TestHttp.anonymous(port);
        String order = place(asAlice).getBody().get("orderId").toString();

        List<ResponseEntity<Map<String, Object>>> answers = List.of(
                place(anonymous),
                anonymous.get().uri("/api/orders/" + order).retrieve().toEntity(MAP),
                anonymous.get().uri("/api/orders/" + order + "/events").retrieve().toEntity(MAP),
                anonymous.get().uri("/api/customers/" + alice + "/orders").retrieve().toEntity(MAP));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getStatusCode().value()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        });
    }

    @Test
    void onlyAShopperPlacesAnOrderStaffAndTheOperatorAreRefusedWith403() {
        ResponseEntity<Map<String, Object>> staff = place(Fixtures.staff(port));
        ResponseEntity<Map<String, Object>> operator = place(TestHttp.as(port, TestTokens.operator()));

        for (ResponseEntity<Map<String, Object>> refused : List.of(staff, operator)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) refused.getBody().get("detail")).contains("shopper");
        }
        assertThat(place(asAlice).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void anotherShopperGetsNotFoundForAnOrderItsEventsAndTheListAsIfTheyDidNotExist() {
        String order = place(asAlice).getBody().get("orderId").toString();
        RestClient asBob = Fixtures.shopper(port, UUID.randomUUID());

        ResponseEntity<Map<String, Object>> someoneElses = asBob.get().uri("/api/orders/" + order).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> nobodys = asBob.get().uri("/api/orders/" + UUID.randomUUID()).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> events = asBob.get().uri("/api/orders/" + order + "/events").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> list = asBob.get().uri("/api/customers/" + alice + "/orders").retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> hidden : List.of(someoneElses, nobodys, events)) {
            assertThat(hidden.getStatusCode().value()).isEqualTo(404);
            assertThat(hidden.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(hidden.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-order")
                    .containsEntry("title", nobodys.getBody().get("title"));
        }
        assertThat(list.getStatusCode().value()).isEqualTo(404);
        assertThat(list.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(list.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-customer");
        assertThat(list.toString()).doesNotContain(order);
    }

    @Test
    void theOwnerAndStaffReadTheOrderItsEventsAndTheList() {
        String order = place(asAlice).getBody().get("orderId").toString();

        for (RestClient reader : List.of(asAlice, Fixtures.staff(port))) {
            assertThat(reader.get().uri("/api/orders/" + order).retrieve().body(MAP)).containsEntry("customerId", alice.toString());
            assertThat(reader.get().uri("/api/orders/" + order + "/events").retrieve().toEntity(String.class).getStatusCode().value())
                    .isEqualTo(200);
            assertThat(reader.get().uri("/api/customers/" + alice + "/orders").retrieve().body(MAP).get("items").toString())
                    .contains(order);
        }
    }

    private ResponseEntity<Map<String, Object>> place(RestClient as) {
        return as.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Fixtures.orderRequest("4242424242424242", book, "1")).retrieve().toEntity(MAP);
    }
}
