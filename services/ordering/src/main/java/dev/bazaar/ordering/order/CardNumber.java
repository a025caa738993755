package dev.bazaar.ordering.order;

import java.util.regex.Pattern;

/**
 * A payment card number as the customer typed it. It exists only in memory, long enough to be
 * encrypted for payment: it prints as its last four digits, and no message ever contains it.
 */
public final class CardNumber {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{12,19}");

    private final String digits;

    private CardNumber(String digits) {
        this.digits = digits;
    }

    /** @throws InvalidCardNumber when it is not 12 to 19 digits or fails the Luhn check; the message never repeats the number */
    public static CardNumber parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            throw new InvalidCardNumber("A card number is 12 to 19 digits, without spaces or dashes");
        }
        if (!passesLuhn(text)) {
            throw new InvalidCardNumber("The card number is mistyped (its check digit does not match)");
        }
        return new CardNumber(text);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** For the encryption alone, which lives in this package. */
    String digits() {
        return digits;
    }

    static boolean passesLuhn(String digits) {
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
    public String toString() {
        return "card ending " + last4();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber && ((CardNumber) other).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    public static class InvalidCardNumber extends IllegalArgumentException {
        public InvalidCardNumber(String message) {
            super(message);
        }
    }
}
