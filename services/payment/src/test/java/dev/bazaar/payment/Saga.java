package dev.bazaar.payment;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.X25519Encrypter;
import com.nimbusds.jose.jwk.OctetKeyPair;

import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.bazaar.platform.testing.KafkaEvents.ofType;

/** The other contexts' side of the saga, as payment's integration tests play it: events checked against their contracts. */
final class Saga {

    static final String PAYMENTS = "payment.events";
    static final String ORDERING = "ordering.events";
    static final String INVENTORY = "inventory.events";
    static final String APPROVED_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Keys used by an order of these tests, which ordering would never hand out again. */
    private static final Set<String> CLAIMED = new HashSet<>();

    private Saga() {
    }

    /** Publishes an OrderPlaced as ordering would, the card encrypted for a one-time key payment offered; returns the ciphertext. */
    static String placeOrder(UUID order, String card, String total) throws Exception {
        return placeOrder(order, card, total, claimOfferedKey());
    }

    /** The same, for a given key: a key used twice shows what payment does with a card it cannot read. */
    static String placeOrder(UUID order, String card, String total, OctetKeyPair key) throws Exception {
        return placeOrder(order, UUID.randomUUID(), card, total, key);
    }

    /** The same, placed by a given customer: whose payment it is to see. */
    static String placeOrder(UUID order, UUID customer, String card, String total) throws Exception {
        return placeOrder(order, customer, card, total, claimOfferedKey());
    }

    private static String placeOrder(UUID order, UUID customer, String card, String total, OctetKeyPair key) throws Exception {
        String ciphertext = encrypt(key, card);
        String json = """
                {"orderId":"%s","customerId":"%s","lines":[{"sku":"BOOK-001","quantity":1,"unitPrice":{"amount":%s,"currency":"EUR"}}],\
                "total":{"amount":%s,"currency":"EUR"},"payment":{"cardLast4":"%s","encryptedCard":"%s","keyId":"%s"},\
                "placedAt":"2026-11-27T12:00:00Z"}"""
                .formatted(order, customer, total, total, card.substring(card.length() - 4), ciphertext,
                        key.getKeyID());
        Contracts.assertConforms("ordering", "OrderPlaced", json);
        KafkaEvents.publish(ORDERING, "ordering", "OrderPlaced", order.toString(), json);
        return ciphertext;
    }

    static String reserveStock(UUID order) {
        String json = "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"BOOK-001\",\"quantity\":1}],\"expiresAt\":\"2026-11-27T12:15:00Z\"}";
        Contracts.assertConforms("inventory", "StockReserved", json);
        return KafkaEvents.publish(INVENTORY, "inventory", "StockReserved", order.toString(), json);
    }

    static String rejected(UUID order) {
        String json = "{\"orderId\":\"" + order + "\",\"reason\":\"insufficient stock\",\"shortages\":[{\"sku\":\"BOOK-001\",\"requested\":5,\"available\":1}]}";
        Contracts.assertConforms("inventory", "StockRejected", json);
        return json;
    }

    static String cancelled(UUID order, String reason) {
        String json = "{\"orderId\":\"" + order + "\",\"reason\":\"" + reason + "\"}";
        Contracts.assertConforms("ordering", "OrderCancelled", json);
        return json;
    }

    static String cancelOrder(UUID order, String reason) {
        return KafkaEvents.publish(ORDERING, "ordering", "OrderCancelled", order.toString(), cancelled(order, reason));
    }

    /** A key payment offered that no order of these tests has used yet, as ordering's checkout claims one. */
    static synchronized OctetKeyPair claimOfferedKey() {
        KafkaEvents.await(PAYMENTS, WAIT, ofType("CardKeysOffered"));
        for (ConsumerRecord<String, String> offer : KafkaEvents.readAll(PAYMENTS).stream().filter(ofType("CardKeysOffered")).toList()) {
            for (JsonNode jwk : JSON.readTree(offer.value()).get("keys")) {
                if (CLAIMED.add(jwk.get("kid").asString())) {
                    try {
                        return OctetKeyPair.parse(jwk.toString());
                    } catch (java.text.ParseException e) {
                        throw new IllegalStateException("payment offered a key that is no OKP JWK", e);
                    }
                }
            }
        }
        throw new IllegalStateException("Every key payment offered is used; its pool is topped up every second");
    }

    static ConsumerRecord<String, String> awaitEvent(String type, UUID order) {
        return KafkaEvents.await(PAYMENTS, WAIT, ofType(type, order.toString()));
    }

    /** Everything payment has published about the order so far (call OutboxRelay#drain first). */
    static List<ConsumerRecord<String, String>> eventsAbout(UUID order) {
        return KafkaEvents.readAll(PAYMENTS).stream().filter(e -> order.toString().equals(e.key())).toList();
    }

    /** As ordering encrypts a card: a JWE, ECDH-ES and A256GCM, for the key. */
    static String encrypt(OctetKeyPair key, String cardNumber) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).keyID(key.getKeyID()).build(),
                new Payload(cardNumber));
        jwe.encrypt(new X25519Encrypter(key));
        return jwe.serialize();
    }
}
