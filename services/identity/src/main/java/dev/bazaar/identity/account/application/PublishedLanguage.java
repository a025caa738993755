package dev.bazaar.identity.account.application;

import dev.bazaar.platform.messaging.EventType;

/**
 * The events as they appear on {@code identity.events}, described by the schemas in {@code contracts/identity/}.
 * Name and address are not identity's to keep: they travel once, to customer, which keeps them.
 */
final class PublishedLanguage {

    @EventType("ShopperSignedUp")
    record ShopperSignedUp(String customerId, String email, String name, AddressView address) {
    }

    record AddressView(String line1, String city, String postalCode, String country) {
    }

    private PublishedLanguage() {
    }
}
