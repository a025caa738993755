package dev.bazaar.customer.profile;

/**
 * What a customer chose for themselves: whether they accept marketing messages, and the instructions a carrier should
 * read on their parcels (plain text, trimmed, at most {@value #DELIVERY_INSTRUCTIONS_MAX_LENGTH} characters, no
 * control characters, so no line breaks; empty: none). Marketing consent is customer's own business; the delivery
 * instructions are published, for fulfillment.
 */
public record Preferences(boolean marketingConsent, String deliveryInstructions) {

    public static final int DELIVERY_INSTRUCTIONS_MAX_LENGTH = 300;

    /** What a customer starts with: no marketing without their consent, no instructions. */
    public static final Preferences NONE = new Preferences(false, "");

    public Preferences {
        deliveryInstructions = deliveryInstructions == null ? "" : deliveryInstructions.strip();
        if (deliveryInstructions.length() > DELIVERY_INSTRUCTIONS_MAX_LENGTH) {
            throw new IllegalArgumentException("deliveryInstructions has at most " + DELIVERY_INSTRUCTIONS_MAX_LENGTH + " characters");
        }
        // A label printer or a carrier's screen would act on a control character, or hide what follows it.
        if (deliveryInstructions.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("deliveryInstructions must not contain control characters (line breaks included)");
        }
    }

    public boolean sameDeliveryInstructionsAs(Preferences other) {
        return deliveryInstructions.equals(other.deliveryInstructions);
    }
}
