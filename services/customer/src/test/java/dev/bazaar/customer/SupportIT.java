package dev.bazaar.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.customer.profile.application.CustomerRegistry.ShopperSignedUp;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class SupportIT {

    @LocalServerPort
    int port;
    @Autowired
    CustomerRegistry registry;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aShopperOpensARequestAboutAnOrderAndReadsItWithItsHistory() {
        UUID ada = signedUp();
        UUID order = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> opened = open(ada, order, "Parcel not arrived", "Where is my parcel?");

        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        String id = (String) opened.getBody().get("id");
        assertThat(opened.getHeaders().getLocation()).hasToString("/api/customers/" + ada + "/support-requests/" + id);
        assertThat(opened.getBody()).containsEntry("customerId", ada.toString()).containsEntry("orderId", order.toString())
                .containsEntry("subject", "Parcel not arrived").containsEntry("status", "OPEN").containsEntry("closedBy", null);
        assertThat(messages(opened.getBody())).singleElement().satisfies(message -> assertThat(message)
                .containsEntry("author", "SHOPPER").containsEntry("text", "Where is my parcel?").containsKey("at"));
        assertThat(read(as(ada), ada, id).getBody()).isEqualTo(opened.getBody());
        Map<String, Object> list = as(ada).get().uri("/api/customers/" + ada + "/support-requests").retrieve().body(MAP);
        assertThat(list).containsEntry("total", 1).containsEntry("page", 0);
        assertThat(items(list)).singleElement().satisfies(item -> assertThat(item).containsEntry("id", id)
                .containsEntry("status", "OPEN").containsEntry("messages", 1).containsEntry("lastAuthor", "SHOPPER")
                .containsEntry("orderId", order.toString()));
    }

    @Test
    void staffsReplyAnswersTheRequestTheShoppersReplyReopensItAndEitherMayCloseIt() {
        UUID ada = signedUp();
        String id = (String) open(ada, UUID.randomUUID(), "Broken mug", "It arrived in pieces").getBody().get("id");
        RestClient staff = staff();

        ResponseEntity<Map<String, Object>> answered = write(staff, ada, id, "Sorry! A new one is on its way.");
        assertThat(answered.getStatusCode().value()).isEqualTo(200);
        assertThat(answered.getBody()).containsEntry("status", "ANSWERED");
        assertThat(messages(answered.getBody()).get(1)).containsEntry("author", "STAFF").containsEntry("text", "Sorry! A new one is on its way.");

        ResponseEntity<Map<String, Object>> reopened = write(as(ada), ada, id, "Thanks,\nwhen will it arrive?");
        assertThat(reopened.getBody()).containsEntry("status", "OPEN");
        assertThat(messages(reopened.getBody())).extracting(m -> m.get("author")).containsExactly("SHOPPER", "STAFF", "SHOPPER");
        assertThat(messages(reopened.getBody()).get(2)).containsEntry("text", "Thanks,\nwhen will it arrive?");

        ResponseEntity<Map<String, Object>> closed = close(as(ada), ada, id);
        assertThat(closed.getStatusCode().value()).isEqualTo(200);
        assertThat(closed.getBody()).containsEntry("status", "CLOSED").containsEntry("closedBy", "SHOPPER");
        assertThat(read(staff, ada, id).getBody()).isEqualTo(closed.getBody());
        assertThat(close(staff, ada, id).getBody()).as("closing again answers it as it is").isEqualTo(closed.getBody());

        String other = (String) open(ada, UUID.randomUUID(), "Invoice", "Please send the invoice").getBody().get("id");
        assertThat(close(staff, ada, other).getBody()).containsEntry("status", "CLOSED").containsEntry("closedBy", "STAFF");
    }

    @Test
    void aClosedRequestTakesNoMoreMessages() {
        UUID ada = signedUp();
        String id = (String) open(ada, UUID.randomUUID(), "Late", "Still waiting").getBody().get("id");
        close(as(ada), ada, id);

        for (RestClient writer : List.of(as(ada), staff())) {
            ResponseEntity<Map<String, Object>> refused = write(writer, ada, id, "One more thing");

            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody()).containsEntry("type", "https://bazaar.dev/problems/support-request-closed");
        }
        assertThat(messages(read(as(ada), ada, id).getBody())).hasSize(1);
    }

    @Test
    void anotherShoppersRequestsAreUnknown() {
        UUID ada = signedUp();
        UUID bob = signedUp();
        String id = (String) open(ada, UUID.randomUUID(), "Late", "Still waiting").getBody().get("id");

        ResponseEntity<Map<String, Object>> list = as(bob).get().uri("/api/customers/" + ada + "/support-requests").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> read = read(as(bob), ada, id);
        ResponseEntity<Map<String, Object>> underOwnId = read(as(bob), bob, id);
        ResponseEntity<Map<String, Object>> written = write(as(bob), ada, id, "Hijacked");
        ResponseEntity<Map<String, Object>> closed = close(as(bob), ada, id);
        ResponseEntity<Map<String, Object>> opened = as(bob).post().uri("/api/customers/" + ada + "/support-requests")
                .contentType(MediaType.APPLICATION_JSON).body(openBody(UUID.randomUUID(), "In Ada's name", "Hello")).retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(list, read, written, closed, opened)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(404);
            assertThat(refused.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-customer");
        }
        assertThat(underOwnId.getStatusCode().value()).isEqualTo(404);
        assertThat(underOwnId.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-support-request");
        assertThat(read(as(ada), ada, id).getBody()).containsEntry("status", "OPEN");
        assertThat(messages(read(as(ada), ada, id).getBody())).hasSize(1);
        assertThat(read(as(ada), ada, "not-a-uuid").getStatusCode().value()).isEqualTo(404);
        assertThat(read(as(ada), ada, UUID.randomUUID().toString()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void staffListEveryOpenRequestTheOneWaitingLongestFirstAndShoppersMayNot() {
        UUID ada = signedUp();
        UUID bob = signedUp();
        String first = (String) open(ada, UUID.randomUUID(), "First", "Waiting longest").getBody().get("id");
        String second = (String) open(bob, UUID.randomUUID(), "Second", "Waiting too").getBody().get("id");
        String answered = (String) open(bob, UUID.randomUUID(), "Third", "Answered soon").getBody().get("id");
        write(staff(), bob, answered, "Done");

        List<Map<String, Object>> open = allOpen();
        ResponseEntity<Map<String, Object>> byShopper = as(ada).get().uri("/api/customers/support-requests?status=OPEN").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> answeredPage = staff().get().uri("/api/customers/support-requests?status=answered&size=1000")
                .retrieve().toEntity(MAP);

        List<Object> ids = open.stream().map(item -> item.get("id")).toList();
        assertThat(ids).contains(first, second).doesNotContain(answered);
        assertThat(ids.indexOf(first)).isLessThan(ids.indexOf(second));
        assertThat(open).filteredOn(item -> second.equals(item.get("id"))).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("customerId", bob.toString()).containsEntry("subject", "Second"));
        assertThat(open).extracting(item -> item.get("status")).containsOnly("OPEN");
        assertThat(items(answeredPage.getBody())).extracting(item -> item.get("id")).contains(answered);
        assertThat(byShopper.getStatusCode().value()).isEqualTo(403);
        Map<String, Object> onePage = staff().get().uri("/api/customers/support-requests?status=OPEN&page=0&size=1").retrieve().body(MAP);
        assertThat(onePage).containsEntry("page", 0).containsEntry("size", 1);
        assertThat(items(onePage)).hasSize(1);
        assertThat(((Number) onePage.get("total")).longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void staffDoNotOpenRequestsInAShoppersName() {
        UUID ada = signedUp();

        ResponseEntity<Map<String, Object>> refused = staff().post().uri("/api/customers/" + ada + "/support-requests")
                .contentType(MediaType.APPLICATION_JSON).body(openBody(UUID.randomUUID(), "Staff", "Hello")).retrieve().toEntity(MAP);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(requestsOf(ada)).isZero();
    }

    @Test
    void rejectsInvalidRequestsNamingTheFieldAndOpensNothing() {
        UUID ada = signedUp();
        String order = UUID.randomUUID().toString();
        Map<String, String> invalid = Map.of(
                "{\"subject\":\"Late\",\"message\":\"Hello\"}", "orderId",
                "{\"orderId\":\"order-42\",\"subject\":\"Late\",\"message\":\"Hello\"}", "orderId",
                "{\"orderId\":\"" + order + "\",\"subject\":\"  \",\"message\":\"Hello\"}", "subject",
                "{\"orderId\":\"" + order + "\",\"subject\":\"" + "s".repeat(121) + "\",\"message\":\"Hello\"}", "subject",
                "{\"orderId\":\"" + order + "\",\"subject\":\"Late\\nvery\",\"message\":\"Hello\"}", "subject",
                "{\"orderId\":\"" + order + "\",\"subject\":\"Late\"}", "message",
                "{\"orderId\":\"" + order + "\",\"subject\":\"Late\",\"message\":\"" + "m".repeat(2001) + "\"}", "message",
                "{\"orderId\":\"" + order + "\",\"subject\":\"Late\",\"message\":\"bell\\u0007\"}", "message");

        invalid.forEach((body, field) -> {
            ResponseEntity<Map<String, Object>> response = as(ada).post().uri("/api/customers/" + ada + "/support-requests")
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(body).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) response.getBody().get("detail")).as(body).contains(field);
        });
        assertThat(requestsOf(ada)).isZero();

        String id = (String) open(ada, UUID.randomUUID(), "Late", "Hello").getBody().get("id");
        for (String body : List.of("{\"text\":\"\"}", "{\"text\":\"" + "m".repeat(2001) + "\"}", "{}")) {
            ResponseEntity<Map<String, Object>> response = as(ada).post().uri("/api/customers/" + ada + "/support-requests/" + id + "/messages")
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
            assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat((String) response.getBody().get("detail")).as(body).contains("text");
        }
        for (String query : List.of("status=LOST", "size=0", "size=1001", "page=-1")) {
            ResponseEntity<Map<String, Object>> response = staff().get().uri("/api/customers/support-requests?" + query).retrieve().toEntity(MAP);
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat((String) response.getBody().get("detail")).as(query).contains(query.substring(0, query.indexOf('=')));
        }
        assertThat(messages(read(as(ada), ada, id).getBody())).hasSize(1);
    }

    @Test
    void aRetriedOpenWithTheSameIdempotencyKeyOpensOneRequest() {
        UUID ada = signedUp();
        UUID order = UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> first = openWithKey(ada, openBody(order, "Late", "Hello"), key);
        ResponseEntity<Map<String, Object>> again = openWithKey(ada, openBody(order, "Late", "Hello"), key);
        ResponseEntity<Map<String, Object>> other = openWithKey(ada, openBody(order, "Late", "Something else"), key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(other.getStatusCode().value()).isEqualTo(422);
        assertThat(other.getBody()).containsEntry("type", "https://bazaar.dev/problems/idempotency-key-reused");
        assertThat(requestsOf(ada)).isEqualTo(1);
    }

    @Test
    void withoutATokenNothingIsOpenedOrRead() {
        UUID ada = signedUp();
        RestClient anonymous = TestHttp.anonymous(port);

        ResponseEntity<Map<String, Object>> opened = anonymous.post().uri("/api/customers/" + ada + "/support-requests")
                .contentType(MediaType.APPLICATION_JSON).body(openBody(UUID.randomUUID(), "Late", "Hello")).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> list = anonymous.get().uri("/api/customers/support-requests").retrieve().toEntity(MAP);

        assertThat(opened.getStatusCode().value()).isEqualTo(401);
        assertThat(list.getStatusCode().value()).isEqualTo(401);
        assertThat(requestsOf(ada)).isZero();
    }

    private List<Map<String, Object>> allOpen() {
        Map<String, Object> page = staff().get().uri("/api/customers/support-requests?status=OPEN&size=1000").retrieve().body(MAP);
        return items(page);
    }

    private ResponseEntity<Map<String, Object>> open(UUID customer, UUID order, String subject, String message) {
        return as(customer).post().uri("/api/customers/" + customer + "/support-requests").contentType(MediaType.APPLICATION_JSON)
                .body(openBody(order, subject, message)).retrieve().toEntity(MAP);
    }

    private ResponseEntity<Map<String, Object>> openWithKey(UUID customer, String body, String key) {
        return as(customer).post().uri("/api/customers/" + customer + "/support-requests").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> read(RestClient client, UUID customer, String id) {
        return client.get().uri("/api/customers/" + customer + "/support-requests/" + id).retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> write(RestClient client, UUID customer, String id, String text) {
        return client.post().uri("/api/customers/" + customer + "/support-requests/" + id + "/messages")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", text)).retrieve().toEntity(MAP);
    }

    private static ResponseEntity<Map<String, Object>> close(RestClient client, UUID customer, String id) {
        return client.post().uri("/api/customers/" + customer + "/support-requests/" + id + "/close").retrieve().toEntity(MAP);
    }

    private static String openBody(UUID order, String subject, String message) {
        return "{\"orderId\":\"%s\",\"subject\":\"%s\",\"message\":\"%s\"}".formatted(order, subject, message);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("messages");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private long requestsOf(UUID customer) {
        return jdbc.sql("select count(*) from support_request where customer_id = ?").param(customer).query(Long.class).single();
    }

    private UUID signedUp() {
        CustomerId id = new CustomerId(UUID.randomUUID());
        registry.on(new ShopperSignedUp(id, new Email("s-" + id + "@example.com"), "Ada Lovelace",
                new Address("12 Market Street", "Lyon", "69002", "FR")));
        return id.value();
    }

    private RestClient as(UUID customer) {
        return TestHttp.as(port, TestTokens.shopper(customer));
    }

    private RestClient staff() {
        return TestHttp.as(port, TestTokens.staff());
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
