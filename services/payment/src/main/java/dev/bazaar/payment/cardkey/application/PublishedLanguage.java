package dev.bazaar.payment.cardkey.application;

import java.util.List;
import java.util.Map;

import dev.bazaar.platform.messaging.EventType;

/** The card keys as they appear on {@code payment.events}, described by contracts/payment/. */
final class PublishedLanguage {

    /** A JWK Set (RFC 7517) of one-time public keys, each to encrypt one card number for payment. */
    @EventType("CardKeysOffered")
    record CardKeysOffered(List<Map<String, Object>> keys) {
    }

    private PublishedLanguage() {
    }
}
