package dev.bazaar.ordering;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.X25519Decrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.bazaar.ordering.order.CardEncryptionKey;
import dev.bazaar.platform.testing.Contracts;
import dev.bazaar.platform.testing.KafkaEvents;
import dev.bazaar.platform.testing.TestHttp;
import dev.bazaar.platform.testing.TestTokens;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * What the other contexts would have told ordering, published on their topics the way they would:
 * products and payment's one-time card keys (made here, so tests can decrypt); and the callers, with
 * tokens as identity would sign them. A shopper needs no announcement: their token is enough.
 * Every test gets fresh SKUs and customers, as the database is shared by the whole test JVM.
 */
final class Fixtures {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String EXAMPLE_ORDER = "7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b";
    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    /** Payment's one-time keys as these tests offer them, private halves kept to check what ordering encrypted. */
    private static final Map<String, OctetKeyPair> PAYMENT_KEYS = keys(400);
    /** The key offered first: once the replica holds it, it holds them all (one event). */
    static final String KEY_ID = PAYMENT_KEYS.keySet().iterator().next();
    private static boolean keysPublished;

    private Fixtures() {
    }

    /** Payment's offer of one-time keys, once per test JVM, by contract. */
    static synchronized void publishPaymentKey() {
        if (!keysPublished) {
            String offer = "{\"keys\":[" + PAYMENT_KEYS.values().stream().map(key -> key.toPublicJWK().toJSONString())
                    .collect(java.util.stream.Collectors.joining(",")) + "]}";
            Contracts.assertConforms("payment", "CardKeysOffered", offer);
            KafkaEvents.publish("payment.events", "payment", "CardKeysOffered", UUID.randomUUID().toString(), offer);
            keysPublished = true;
        }
    }

    /** The offered keys as ordering's replica takes them in. */
    static List<CardEncryptionKey> offeredKeys() {
        return PAYMENT_KEYS.values().stream().map(key -> CardEncryptionKey.of(key.toPublicJWK().toJSONObject())).toList();
    }

    /** Decrypts a card as payment would, with the private half of the key it names. */
    static String decrypt(String ciphertext) {
        try {
            JWEObject jwe = JWEObject.parse(ciphertext);
            jwe.decrypt(new X25519Decrypter(PAYMENT_KEYS.get(jwe.getHeader().getKeyID())));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException | NullPointerException e) {
            throw new AssertionError("The card does not decrypt with the private half of the key it names", e);
        }
    }

    static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static void publishProduct(String sku, String name, String price) {
        KafkaEvents.publish("catalog.events", "catalog", "ProductAdded", sku, """
                {"sku":"%s","name":"%s","description":"","category":"test","price":{"amount":%s,"currency":"EUR"}}"""
                .formatted(sku, name, price));
    }

    /** Waits until ordering's replicas know the products and payment's keys. */
    static void awaitReplicas(JdbcClient jdbc, List<String> skus) {
        await().atMost(PATIENCE).until(() ->
                jdbc.sql("select count(*) from catalog_price where sku in (:skus)").param("skus", skus).query(Long.class).single() == skus.size()
                        && jdbc.sql("""
                                select (select count(*) from card_key_offered where key_id = :id)
                                     + (select count(*) from card_key_claimed where key_id = :id)""")
                                .param("id", KEY_ID).query(Long.class).single() == 1);
    }

    /** A Luhn-valid 16-digit card number nobody else uses, so finding it anywhere means it leaked from this test. */
    static String freshCardNumber() {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; check <= 9; check++) {
            String candidate = digits.toString() + check;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: one check digit always fits");
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** A producer's schema example, about the given order instead of the example's. */
    static String example(String producer, String type, String orderId) {
        return Contracts.examples(producer, type).get(0).replace(EXAMPLE_ORDER, orderId);
    }

    /** The operator's tools: its token on /admin, none elsewhere. */
    static RestClient operator(int port) {
        return TestHttp.client(port);
    }

    /** A signed-in shopper, who is this customer. */
    static RestClient shopper(int port, UUID customer) {
        return TestHttp.as(port, TestTokens.shopper(customer));
    }

    static RestClient staff(int port) {
        return TestHttp.as(port, TestTokens.staff());
    }

    /** A checkout as a shopper sends it: the customer is the one their token names, never the body. */
    static String orderRequest(String card, String... skuAndQuantity) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(skuAndQuantity[i]).append("\",\"quantity\":")
                    .append(skuAndQuantity[i + 1]).append('}');
        }
        return "{\"lines\":[" + lines + "],\"payment\":{\"card\":\"" + card + "\"}}";
    }

    private static Map<String, OctetKeyPair> keys(int count) {
        Map<String, OctetKeyPair> keys = new java.util.LinkedHashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                OctetKeyPair key = new OctetKeyPairGenerator(Curve.X25519).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.ENCRYPTION)
                        .algorithm(JWEAlgorithm.ECDH_ES).generate();
                keys.put(key.getKeyID(), key);
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }
}
