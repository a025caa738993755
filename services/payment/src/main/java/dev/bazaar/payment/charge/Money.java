package dev.bazaar.payment.charge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount to charge in a currency, to the cent. */
public record Money(BigDecimal amount, String currency) {

    /**
     * The most any amount may be: what numeric(12,2) holds. Bazaar's one rule for money, in every service: positive,
     * at most two decimals once trailing zeros are dropped (39.900 is 39.90), at most this much, in a currency
     * of three capital letters (docs/architecture.md).
     */
    public static final BigDecimal MAX = new BigDecimal("9999999999.99");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("An amount to charge must be positive, was " + amount);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("An amount has at most two decimals, was " + amount);
        }
        if (amount.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("An amount is at most " + MAX + ", was " + amount);
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("A currency is three capital letters (ISO 4217), was " + currency);
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
