package dev.bazaar.platform.slo;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One service-level objective: the share of events that must go well over the budget period.
 *
 * @param name        its name, lower-case words joined by hyphens ({@code checkout-available}); the {@code objective}
 *                    label of its rules and alerts
 * @param description what it promises, in one sentence, for alerts and dashboards
 * @param target      the share of good events, between 0 and 1 exclusive ({@code 0.995} for 99.5%)
 * @param sli         how good events are counted
 */
public record Objective(String name, String description, BigDecimal target, Sli sli) {

    /** The share of events that may go wrong: {@code 1 - target}, exactly (0.005 for 99.5%). */
    public BigDecimal errorBudget() {
        return BigDecimal.ONE.subtract(target);
    }

    /** The name as a Prometheus name part: {@code checkout_available}. */
    public String ruleName() {
        return name.replace('-', '_');
    }

    /** The name as words for a title: {@code Checkout available}. */
    public String title() {
        String words = name.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The name of its alerts (one per severity): {@code CheckoutAvailableBudgetBurn}. */
    public String alertName() {
        return Arrays.stream(name.split("-"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining()) + "BudgetBurn";
    }

    /** The description as a sentence: capitalised, with its full stop. */
    public String sentence() {
        String text = description.strip();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    /** The target as a percentage, as written in slos.yaml: {@code 99.5%}. */
    public String targetPercent() {
        return target.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
