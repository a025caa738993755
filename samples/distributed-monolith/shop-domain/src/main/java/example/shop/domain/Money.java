package example.shop.domain;

/** Small helpers for amounts held as whole cents. */
public final class Money {

    private Money() {
    }

    /** The price of {@code quantity} items at {@code unitCents} each; fails on overflow. */
    public static long total(long unitCents, int quantity) {
        return Math.multiplyExact(unitCents, (long) quantity);
    }

    /** Whether {@code cardNumber} looks like a card number: 12 to 19 digits. */
    public static boolean isCardNumber(String cardNumber) {
        return cardNumber != null && cardNumber.matches("\\d{12,19}");
    }
}
