package dev.bazaar.customer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class PreferencesIT {

    private static final String TOPIC = "customer.events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> NONE = Map.of("marketingConsent", false, "deliveryInstructions", "");

    @LocalServerPort
    int port;
    @Autowired
    CustomerRegistry registry;
    @Autowired
    OutboxRelay relay;

    @Test
    void aNewCustomerHasGivenNoConsentAndNoInstructions() {
        UUID ada = signedUp();

        ResponseEntity<Map<String, Object>> read = as(ada).get().uri("/api/customers/" + ada + "/preferences").retrieve().toEntity(MAP);

        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).isEqualTo(NONE);
    }

    @Test
    void theShopperChangesTheirPreferencesAndTheNewInstructionsAreAnnouncedAccordingToTheirContract() {
        UUID ada = signedUp();

        ResponseEntity<Map<String, Object>> changed = put(ada, ada,
                "{\"marketingConsent\":true,\"deliveryInstructions\":\"  Leave it with the concierge, building B  \"}");

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> expected = Map.of("marketingConsent", true, "deliveryInstructions", "Leave it with the concierge, building B");
        assertThat(changed.getBody()).isEqualTo(expected);
        assertThat(as(ada).get().uri("/api/customers/" + ada + "/preferences").retrieve().body(MAP)).isEqualTo(expected);
        ConsumerRecord<String, String> event = KafkaEvents.await(TOPIC, Duration.ofSeconds(10), ofType("CustomerPreferencesChanged", ada.toString()));
        Contracts.assertConforms("customer", "CustomerPreferencesChanged", event.value());
        JsonNode payload = JSON.readTree(event.value());
        assertThat(payload.get("customerId").asString()).isEqualTo(ada.toString());
        assertThat(payload.get("deliveryInstructions").asString()).isEqualTo("Leave it with the concierge, building B");
        assertThat(payload.get("version").asLong()).isEqualTo(2);
        assertThat(payload.has("marketingConsent")).as("consent is customer's own business").isFalse();
        assertThat(KafkaEvents.header(event, "ce_subject")).contains(ada.toString());
    }

    @Test
    void aChangeOfConsentAloneOrARepeatedPutIsNotAnnouncedAgain() {
        UUID ada = signedUp();
        String body = "{\"marketingConsent\":false,\"deliveryInstructions\":\"Ring twice\"}";

        assertThat(put(ada, ada, body).getStatusCode().value()).isEqualTo(200);
        assertThat(put(ada, ada, body).getStatusCode().value()).isEqualTo(200);
        assertThat(put(ada, ada, body.replace("false", "true")).getBody()).containsEntry("marketingConsent", true);
        relay.drain();

        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerPreferencesChanged", ada.toString()))).hasSize(1);
        assertThat(registry.find(new CustomerId(ada)).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void staffReadAShoppersPreferencesButDoNotChangeThem() {
        UUID ada = signedUp();
        put(ada, ada, "{\"marketingConsent\":true,\"deliveryInstructions\":\"Ring twice\"}");
        RestClient staff = TestHttp.as(port, TestTokens.staff());

        ResponseEntity<Map<String, Object>> read = staff.get().uri("/api/customers/" + ada + "/preferences").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> changed = staff.put().uri("/api/customers/" + ada + "/preferences")
                .contentType(MediaType.APPLICATION_JSON).body("{\"marketingConsent\":false,\"deliveryInstructions\":\"\"}").retrieve().toEntity(MAP);

        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).containsEntry("deliveryInstructions", "Ring twice");
        assertThat(changed.getStatusCode().value()).isEqualTo(403);
        assertThat(changed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(registry.find(new CustomerId(ada)).orElseThrow().preferences().marketingConsent()).isTrue();
    }

    @Test
    void anotherShoppersPreferencesAreAnUnknownCustomerToReadAndToChange() {
        UUID ada = signedUp();
        UUID bob = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> read = as(bob).get().uri("/api/customers/" + ada + "/preferences").retrieve().toEntity(MAP);
        ResponseEntity<Map<String, Object>> changed = put(bob, ada, "{\"marketingConsent\":true,\"deliveryInstructions\":\"Mine now\"}");
        ResponseEntity<Map<String, Object>> anonymous = TestHttp.anonymous(port).get().uri("/api/customers/" + ada + "/preferences")
                .retrieve().toEntity(MAP);

        for (ResponseEntity<Map<String, Object>> refused : List.of(read, changed)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(404);
            assertThat(refused.getBody()).containsEntry("type", "https://bazaar.dev/problems/unknown-customer")
                    .containsEntry("detail", "No customer has id " + ada);
        }
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(registry.find(new CustomerId(ada)).orElseThrow().preferences().deliveryInstructions()).isEmpty();
    }

    @Test
    void rejectsInvalidPreferencesNamingTheFieldAndChangesNothing() {
        UUID ada = signedUp();
        Map<String, String> invalid = Map.of(
                "{\"marketingConsent\":true,\"deliveryInstructions\":\"" + "x".repeat(301) + "\"}", "deliveryInstructions",
                "{\"marketingConsent\":true,\"deliveryInstructions\":\"Ring\\ntwice\"}", "deliveryInstructions",
                "{\"marketingConsent\":true,\"deliveryInstructions\":\"Ring\\u001btwice\"}", "deliveryInstructions",
                "{\"deliveryInstructions\":\"Ring twice\"}", "marketingConsent",
                "{\"marketingConsent\":true}", "deliveryInstructions",
                "{\"marketingConsent\":\"yes please\",\"deliveryInstructions\":\"Ring twice\"}", "marketingConsent");

        invalid.forEach((body, field) -> {
            ResponseEntity<Map<String, Object>> response = put(ada, ada, body);

            assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(body).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) response.getBody().get("detail")).as(body).contains(field);
        });
        relay.drain();
        assertThat(as(ada).get().uri("/api/customers/" + ada + "/preferences").retrieve().body(MAP)).isEqualTo(NONE);
        assertThat(KafkaEvents.readAll(TOPIC).stream().filter(ofType("CustomerPreferencesChanged", ada.toString()))).isEmpty();
    }

    private ResponseEntity<Map<String, Object>> put(UUID caller, UUID customer, String body) {
        return as(caller).put().uri("/api/customers/" + customer + "/preferences").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(MAP);
    }

    private UUID signedUp() {
        CustomerId id = new CustomerId(UUID.randomUUID());
        registry.on(new ShopperSignedUp(id, new Email("p-" + id + "@example.com"), "Ada Lovelace",
                new Address("12 Market Street", "Lyon", "69002", "FR")));
        return id.value();
    }

    private RestClient as(UUID customer) {
        return TestHttp.as(port, TestTokens.shopper(customer));
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
