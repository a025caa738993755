package dev.bazaar.payment.cardkey.application;

import dev.bazaar.platform.messaging.EventType;

/** The key announcement as it appears on {@code payment.events}, described by contracts/payment/. */
final class PublishedLanguage {

    @EventType("CardEncryptionKeyIssued")
    record CardEncryptionKeyIssued(String keyId, String algorithm, String publicKey) {
    }

    private PublishedLanguage() {
    }
}
