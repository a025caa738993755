package dev.bazaar.payment.cardkey.application;

/** The key announcement as it appears on {@code payment.events}, described by contracts/payment/. */
final class PublishedLanguage {

    record CardEncryptionKeyIssued(String keyId, String algorithm, String publicKey) {
    }

    private PublishedLanguage() {
    }
}
