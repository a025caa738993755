package dev.bazaar.ordering.order;

import java.util.Objects;

/**
 * A card number encrypted for payment (base64 ciphertext). It travels once, in OrderPlaced, and is
 * not kept by ordering: the order keeps only its {@link #reference()}.
 */
public record EncryptedCard(String last4, String keyId, String ciphertext) {

    public EncryptedCard {
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    public CardReference reference() {
        return new CardReference(last4, keyId);
    }

    @Override
    public String toString() {
        return "EncryptedCard[last4=" + last4 + ", keyId=" + keyId + "]";
    }
}
