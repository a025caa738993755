package dev.bazaar.ordering.cart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import dev.bazaar.ordering.order.Money;

/**
 * A sum the cart shows: a line's total or the cart's. Not {@link Money}, which is positive and bounded: an empty
 * cart's total is zero, and a cart may hold more than one order may cost (its checkout says so).
 */
public record Amount(BigDecimal amount, String currency) {

    public Amount {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("A cart's amount is never negative, was " + amount);
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Amount zero(String currency) {
        return new Amount(BigDecimal.ZERO, currency);
    }

    static Amount of(Money unitPrice, int quantity) {
        return new Amount(unitPrice.amount().multiply(BigDecimal.valueOf(quantity)), unitPrice.currency());
    }

    Amount plus(Amount other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
        return new Amount(amount.add(other.amount), currency);
    }
}
