package dev.bazaar.customer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
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
class CustomerIT {

    private static final String TOPIC = "customer.events";

    @LocalServerPort
    int port;
    @Autowired
    CustomerRegistry registry;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void registersACustomerAndAnnouncesItAccordingToItsContract() {
        String email = uniqueEmail();

        ResponseEntity<Map<String, Object>> created = post(registration(email, "Ada Lovelace", "FR"), null);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/customers/" + id);
        assertThat(created.getBody()).containsEntry("email", email).containsEntry("name", "Ada Lovelace")
                .containsEntry("address", Map.of("line1", "12 Market Street", "city", "Lyon", "postalCode", "69002", "country", "FR"));
        assertThat(http.get().uri("/api/customers/" + id).retrieve().body(MAP)).isEqualTo(created.getBody());

        ConsumerRecord<String, String> registered = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("CustomerRegistered", id));
        Contracts.assertConforms("customer", "CustomerRegistered", registered.value());
        assertThat(registered.value()).contains(email);
        assertThat(KafkaEvents.header(registered, "ce_source")).contains("/bazaar/customer");
        assertThat(KafkaEvents.header(registered, "ce_subject")).contains(id);
    }

    @Test
    void aShopperWhoSignedUpGetsTheirCustomerRecordUnderTheirAccountsIdOnceHoweverOftenTheEventComes() {
        String id = UUID.randomUUID().toString();
        String email = uniqueEmail();
        String signedUp = Contracts.examples("identity", "ShopperSignedUp").get(0)
                .replace("0b6f1e52-8c1d-4f6a-9e2b-5d3c7a8b9c0d", id).replace("ada@example.com", email);

        KafkaEvents.publish("identity.events", "identity", "ShopperSignedUp", id, signedUp);
        KafkaEvents.publish("identity.events", "identity", "ShopperSignedUp", id, signedUp);

        ConsumerRecord<String, String> registered = KafkaEvents.await(TOPIC, Duration.ofSeconds(15), ofType("CustomerRegistered", id));
        Contracts.assertConforms("customer", "CustomerRegistered", registered.value());
        assertThat(http.get().uri("/api/customers/" + id).retrieve().body(MAP)).containsEntry("email", email)
                .containsEntry("name", "Ada Lovelace");
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerRegistered", id)).count()).isEqualTo(1);
    }

    @Test
    void changesTheAddressAndAnnouncesItAccordingToItsContract() {
        String id = register(uniqueEmail());

        ResponseEntity<Map<String, Object>> changed = putAddress(id, PARIS);

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody()).containsEntry("id", id)
                .containsEntry("address", Map.of("line1", "1 Rue de la Paix", "city", "Paris", "postalCode", "75002", "country", "FR"));
        assertThat(http.get().uri("/api/customers/" + id).retrieve().body(MAP)).isEqualTo(changed.getBody());
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("CustomerAddressChanged", id));
        Contracts.assertConforms("customer", "CustomerAddressChanged", event.value());
        assertThat(event.value()).contains("Rue de la Paix");
    }

    @Test
    void aRepeatedAddressChangeChangesNothingMoreAndIsAnnouncedOnce() {
        String id = register(uniqueEmail());

        assertThat(putAddress(id, PARIS).getStatusCode().value()).isEqualTo(200);
        assertThat(putAddress(id, PARIS).getStatusCode().value()).isEqualTo(200);
        relay.drain();

        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerAddressChanged", id))).hasSize(1);
    }

    @Test
    void refusesASecondCustomerWithTheSameEmailInAnyCase() {
        String email = uniqueEmail();
        register(email);

        ResponseEntity<Map<String, Object>> duplicate = post(registration(email.toUpperCase(), "Someone Else", "DE"), null);

        assertThat(duplicate.getStatusCode().value()).isEqualTo(409);
        assertThat(duplicate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(duplicate.getBody()).containsEntry("type", "https://bazaar.dev/problems/email-registered");
        assertThat(customersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void rejectsAnInvalidCustomerNamingEveryWrongFieldAndCreatesNothing() {
        String email = "not-an-email-" + UUID.randomUUID();

        ResponseEntity<Map<String, Object>> response = post(registration(email, "", "fra"), null);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
        assertThat((String) response.getBody().get("detail")).contains("email").contains("name").contains("address.country");
        assertThat(customersWithEmail(email)).isZero();
    }

    @Test
    void rejectsACountryCodeThatIsoDoesNotAssign() {
        String email = uniqueEmail();

        ResponseEntity<Map<String, Object>> response = post(registration(email, "Ada", "XX"), null);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains("ISO 3166");
        assertThat(customersWithEmail(email)).isZero();
    }

    @Test
    void rejectsMalformedJson() {
        ResponseEntity<Map<String, Object>> response = http.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\": ").retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/malformed-request");
    }

    @Test
    void saysWhichFieldIsOfTheWrongShapeWithoutNamingAJavaTypeOrQuotingTheValue() {
        ResponseEntity<Map<String, Object>> response = http.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\":\"ada@example.com\",\"name\":\"Ada\",\"address\":[\"secret street\"]}").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> nul = http.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\":\"ada@example.com\",\"name\":\"Ada\\u0000\",\"address\":" + PARIS + "}").retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).isEqualTo("address must be an object");
        assertThat(nul.getStatusCode().value()).isEqualTo(400);
        assertThat((String) nul.getBody().get("detail")).isEqualTo("name must not contain a NUL character");
    }

    @Test
    void answersAnUnknownCustomerWithAProblem() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            ResponseEntity<Map<String, Object>> response = http.get().uri("/api/customers/" + id).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-customer");
        }
        assertThat(putAddress(UUID.randomUUID().toString(), PARIS).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void rejectsAnInvalidAddressChangeAndKeepsTheAddress() {
        String id = register(uniqueEmail());

        ResponseEntity<Map<String, Object>> response = putAddress(id, "{\"line1\":\"\",\"city\":\"Paris\",\"postalCode\":\"75002\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains("line1").contains("country");
        assertThat(http.get().uri("/api/customers/" + id).retrieve().body(MAP).get("address")).isEqualTo(
                Map.of("line1", "12 Market Street", "city", "Lyon", "postalCode", "69002", "country", "FR"));
    }

    @Test
    void aRetriedRegistrationWithTheSameIdempotencyKeyReturnsTheFirstResult() {
        String email = uniqueEmail();
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> first = post(registration(email, "Ada", "FR"), key);
        ResponseEntity<Map<String, Object>> retry = post(registration(email, "Ada", "FR"), key);
        ResponseEntity<Map<String, Object>> misuse = post(registration(uniqueEmail(), "Bob", "FR"), key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(misuse.getStatusCode().value()).isEqualTo(422);
        assertThat(misuse.getBody()).containsEntry("type", "https://bazaar.dev/problems/idempotency-key-reused");
        relay.drain();
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerRegistered", (String) first.getBody().get("id")))).hasSize(1);
    }

    @Test
    void outboxPublishesWhatATransactionCommitsAndNothingThatItRollsBack() {
        Address address = new Address("1 Main Street", "Vienna", "1010", "AT");
        String rolledBack = uniqueEmail();
        CustomerId[] ids = new CustomerId[2];
        transactions.executeWithoutResult(status -> {
            ids[0] = registry.register(new Email(rolledBack), "Rolled Back", address, null).id();
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> ids[1] = registry.register(new Email(uniqueEmail()), "Committed", address, null).id());
        relay.drain();

        Set<String> published = KafkaEvents.readAll(TOPIC).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(published).contains(ids[1].toString()).doesNotContain(ids[0].toString());
        assertThat(registry.find(ids[0])).isEmpty();
        assertThat(customersWithEmail(rolledBack)).isZero();
    }

    private static final String PARIS = "{\"line1\":\"1 Rue de la Paix\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"country\":\"FR\"}";

    private String register(String email) {
        ResponseEntity<Map<String, Object>> created = post(registration(email, "Ada Lovelace", "FR"), null);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return (String) created.getBody().get("id");
    }

    private ResponseEntity<Map<String, Object>> post(String body, String idempotencyKey) {
        return http.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(body).retrieve().toEntity(MAP);
    }

    private ResponseEntity<Map<String, Object>> putAddress(String id, String body) {
        return http.put().uri("/api/customers/" + id + "/address").contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    private static String registration(String email, String name, String country) {
        return """
                {"email":"%s","name":"%s","address":{"line1":"12 Market Street","city":"Lyon","postalCode":"69002","country":"%s"}}"""
                .formatted(email, name, country);
    }

    private long customersWithEmail(String email) {
        return jdbc.sql("select count(*) from customer where lower(email) = lower(?)").param(email).query(Long.class).single();
    }

    private static String uniqueEmail() {
        return "c-" + UUID.randomUUID() + "@example.com";
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
