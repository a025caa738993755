package dev.bazaar.payment.charge;

import java.util.regex.Pattern;

/**
 * A card number in clear, only ever held in memory while a charge is made. Neither its
 * {@code toString} nor any exception it throws contains more than its last four digits.
 */
public final class CardNumber {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{12,19}");

    private final String digits;

    private CardNumber(String digits) {
        this.digits = digits;
    }

    /** @throws IllegalArgumentException when the text is not 12 to 19 digits (spaces and dashes aside) */
    public static CardNumber of(String text) {
        String digits = text == null ? "" : text.replace(" ", "").replace("-", "");
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("A card number is 12 to 19 digits");
        }
        return new CardNumber(digits);
    }

    public String digits() {
        return digits;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** The Luhn checksum every real card number passes. */
    public boolean passesLuhnCheck() {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber card && digits.equals(card.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "card ending " + last4();
    }
}
