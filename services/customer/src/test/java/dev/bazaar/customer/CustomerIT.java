package dev.bazaar.customer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.application.CustomerRegistry;
import dev.bazaar.customer.profile.application.CustomerRegistry.ShopperSignedUp;
import dev.bazaar.platform.messaging.OutboxRelay;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ServiceIntegrationTest
class CustomerIT {

    private static final String TOPIC = "customer.events";
    private static final Map<String, String> LYON = Map.of("line1", "12 Market Street", "city", "Lyon", "postalCode", "69002", "country", "FR");

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
        assertThat(registered.value()).contains(email);
        assertThat(KafkaEvents.header(registered, "ce_source")).contains("/bazaar/customer");
        assertThat(KafkaEvents.header(registered, "ce_subject")).contains(id);
        assertThat(as(UUID.fromString(id)).get().uri("/api/customers/" + id).retrieve().body(MAP)).containsEntry("id", id)
                .containsEntry("email", email).containsEntry("name", "Ada Lovelace");
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerRegistered", id)).count()).isEqualTo(1);
    }

    @Test
    void aShopperSeesTheirOwnRecordAndStaffSeeEveryone() {
        UUID ada = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> own = as(ada).get().uri("/api/customers/" + ada).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> byStaff = staff().get().uri("/api/customers/" + ada).retrieve().toEntity(MAP);

        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody()).containsEntry("id", ada.toString()).containsEntry("address", LYON);
        assertThat(byStaff.getStatusCode().value()).isEqualTo(200);
        assertThat(byStaff.getBody()).isEqualTo(own.getBody());
    }

    @Test
    void anotherShoppersRecordIsAnUnknownCustomerToReadAndToChange() {
        UUID ada = signedUp(uniqueEmail());
        RestClient bob = as(UUID.randomUUID());

        ResponseEntity<Map<String, Object>> read = bob.get().uri("/api/customers/" + ada).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> moved = bob.put().uri("/api/customers/" + ada + "/address")
                .contentType(MediaType.APPLICATION_JSON).body(PARIS).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> unknown = bob.get().uri("/api/customers/" + UUID.randomUUID()).retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(read, moved)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(404);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody()).containsEntry("type", unknown.getBody().get("type"))
                    .containsEntry("title", unknown.getBody().get("title"))
                    .containsEntry("detail", "No customer has id " + ada);
        }
        relay.drain();
        assertThat(as(ada).get().uri("/api/customers/" + ada).retrieve().body(MAP)).containsEntry("address", LYON);
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerAddressChanged", ada.toString()))).isEmpty();
    }

    @Test
    void withoutATokenNoCustomerIsReadOrChanged() {
        UUID ada = signedUp(uniqueEmail());
        RestClient anonymous = TestHttp.anonymous(port);

        ResponseEntity<Map<String, Object>> read = anonymous.get().uri("/api/customers/" + ada).retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> moved = anonymous.put().uri("/api/customers/" + ada + "/address")
                .contentType(MediaType.APPLICATION_JSON).body(PARIS).retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(read, moved)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody()).containsEntry("status", 401);
        }
        assertThat(registry.find(new CustomerId(ada)).orElseThrow().address()).isEqualTo(lyon());
    }

    @Test
    void customersAreNoLongerRegisteredOverHttpOnlyBySigningUp() {
        String email = uniqueEmail();

        ResponseEntity<Map<String, Object>> response = staff().post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .body(registration(email)).retrieve().toEntity(MAP);

        assertThat(response.getStatusCode().value()).isIn(404, 405);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(customersWithEmail(email)).isZero();
    }

    @Test
    void changesTheAddressAndAnnouncesItAccordingToItsContract() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> changed = putAddress(id, PARIS);

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody()).containsEntry("id", id.toString())
                .containsEntry("address", Map.of("line1", "1 Rue de la Paix", "city", "Paris", "postalCode", "75002", "country", "FR"));
        assertThat(as(id).get().uri("/api/customers/" + id).retrieve().body(MAP)).isEqualTo(changed.getBody());
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("CustomerAddressChanged", id.toString()));
        Contracts.assertConforms("customer", "CustomerAddressChanged", event.value());
        assertThat(event.value()).contains("Rue de la Paix");
    }

    @Test
    void staffChangeACustomersAddress() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> changed = staff().put().uri("/api/customers/" + id + "/address")
                .contentType(MediaType.APPLICATION_JSON).body(PARIS).retrieve().toEntity(MAP);

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(registry.find(new CustomerId(id)).orElseThrow().address().city()).isEqualTo("Paris");
    }

    @Test
    void aRepeatedAddressChangeChangesNothingMoreAndIsAnnouncedOnce() {
        UUID id = signedUp(uniqueEmail());

        assertThat(putAddress(id, PARIS).getStatusCode().value()).isEqualTo(200);
        assertThat(putAddress(id, PARIS).getStatusCode().value()).isEqualTo(200);
        relay.drain();

        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerAddressChanged", id.toString()))).hasSize(1);
    }

    @Test
    void aSecondSignUpWithTheSameEmailInAnyCaseMakesNoSecondCustomer() {
        String email = uniqueEmail();
        signedUp(email);

        assertThatThrownBy(() -> registry.on(new ShopperSignedUp(new CustomerId(UUID.randomUUID()), new Email(email.toUpperCase()), "Someone Else", lyon())))
                .isInstanceOf(CustomerRegistry.EmailAlreadyRegistered.class);
        assertThat(customersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void rejectsAnInvalidAddressChangeNamingEveryWrongFieldAndKeepsTheAddress() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> response = putAddress(id, "{\"line1\":\"\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"country\":\"fra\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
        assertThat((String) response.getBody().get("detail")).contains("line1").contains("country");
        // A line break in a line of the address would be printed on the shipping label as a line of its own.
        assertThat(putAddress(id, "{\"line1\":\"1 Rue de la Paix\\nc/o someone else\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"country\":\"FR\"}")
                .getBody()).containsEntry("detail", "line1 must not contain control characters (line breaks included)");
        assertThat(as(id).get().uri("/api/customers/" + id).retrieve().body(MAP)).containsEntry("address", LYON);
    }

    @Test
    void rejectsACountryCodeThatIsoDoesNotAssign() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> response = putAddress(id, PARIS.replace("\"FR\"", "\"XX\""));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains("ISO 3166");
        assertThat(registry.find(new CustomerId(id)).orElseThrow().address()).isEqualTo(lyon());
    }

    @Test
    void rejectsMalformedJson() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> response = putAddress(id, "{\"line1\": ");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/malformed-request");
    }

    @Test
    void saysWhichFieldIsOfTheWrongShapeWithoutNamingAJavaTypeOrQuotingTheValue() {
        UUID id = signedUp(uniqueEmail());

        ResponseEntity<Map<String, Object>> response = putAddress(id, PARIS.replace("\"1 Rue de la Paix\"", "[\"secret street\"]"));
        ResponseEntity<Map<String, Object>> nul = putAddress(id, PARIS.replace("Paris", "Paris\\u0000"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).isEqualTo("line1 must be a string");
        assertThat(nul.getStatusCode().value()).isEqualTo(400);
        assertThat((String) nul.getBody().get("detail")).isEqualTo("city must not contain a NUL character");
    }

    @Test
    void answersAnUnknownCustomerWithAProblem() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            ResponseEntity<Map<String, Object>> response = staff().get().uri("/api/customers/" + id).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-customer");
        }
        UUID nobody = UUID.randomUUID();
        assertThat(putAddress(nobody, PARIS).getStatusCode().value()).as("a shopper with no record yet").isEqualTo(404);
    }

    @Test
    void outboxPublishesWhatATransactionCommitsAndNothingThatItRollsBack() {
        String rolledBack = uniqueEmail();
        CustomerId rolledBackId = new CustomerId(UUID.randomUUID());
        CustomerId committedId = new CustomerId(UUID.randomUUID());
        transactions.executeWithoutResult(status -> {
            registry.on(new ShopperSignedUp(rolledBackId, new Email(rolledBack), "Rolled Back", lyon()));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> registry.on(new ShopperSignedUp(committedId, new Email(uniqueEmail()), "Committed", lyon())));
        relay.drain();

        Set<String> published = KafkaEvents.readAll(TOPIC).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(published).contains(committedId.toString()).doesNotContain(rolledBackId.toString());
        assertThat(registry.find(rolledBackId)).isEmpty();
        assertThat(customersWithEmail(rolledBack)).isZero();
    }

    private static final String PARIS = "{\"line1\":\"1 Rue de la Paix\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"country\":\"FR\"}";

    /** A customer as sign-up makes one: under the account's id, which their shopper token names. */
    private UUID signedUp(String email) {
        CustomerId id = new CustomerId(UUID.randomUUID());
        registry.on(new ShopperSignedUp(id, new Email(email), "Ada Lovelace", lyon()));
        return id.value();
    }

    private RestClient as(UUID customer) {
        return TestHttp.as(port, TestTokens.shopper(customer));
    }

    private RestClient staff() {
        return TestHttp.as(port, TestTokens.staff());
    }

    /** The customer changes their own address. */
    private ResponseEntity<Map<String, Object>> putAddress(UUID id, String body) {
        return as(id).put().uri("/api/customers/" + id + "/address").contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(MAP);
    }

    private static Address lyon() {
        return new Address("12 Market Street", "Lyon", "69002", "FR");
    }

    private static String registration(String email) {
        return """
                {"email":"%s","name":"Ada Lovelace","address":{"line1":"12 Market Street","city":"Lyon","postalCode":"69002","country":"FR"}}"""
                .formatted(email);
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
