package dev.bazaar.payment;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

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

    private Saga() {
    }

    /** Publishes an OrderPlaced as ordering would, the card encrypted with the key payment announced; returns the ciphertext. */
    static String placeOrder(UUID order, String card, String total) throws Exception {
        JsonNode key = announcedKey();
        String ciphertext = encrypt(key.get("publicKey").asString(), card);
        String json = """
                {"orderId":"%s","customerId":"%s","lines":[{"sku":"BOOK-001","quantity":1,"unitPrice":{"amount":%s,"currency":"EUR"}}],\
                "total":{"amount":%s,"currency":"EUR"},"payment":{"cardLast4":"%s","encryptedCard":"%s","keyId":"%s"},\
                "placedAt":"2026-11-27T12:00:00Z"}"""
                .formatted(order, UUID.randomUUID(), total, total, card.substring(card.length() - 4), ciphertext,
                        key.get("keyId").asString());
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

    static JsonNode announcedKey() {
        return JSON.readTree(KafkaEvents.await(PAYMENTS, WAIT, ofType("CardEncryptionKeyIssued")).value());
    }

    static ConsumerRecord<String, String> awaitEvent(String type, UUID order) {
        return KafkaEvents.await(PAYMENTS, WAIT, ofType(type, order.toString()));
    }

    /** Everything payment has published about the order so far (call OutboxRelay#drain first). */
    static List<ConsumerRecord<String, String>> eventsAbout(UUID order) {
        return KafkaEvents.readAll(PAYMENTS).stream().filter(e -> order.toString().equals(e.key())).toList();
    }

    static String encrypt(String publicKeyBase64, String cardNumber) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(publicKeyBase64),
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return Base64.getEncoder().encodeToString(cipher.doFinal(cardNumber.getBytes(StandardCharsets.UTF_8)));
    }

    static PublicKey publicKey(String base64) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
