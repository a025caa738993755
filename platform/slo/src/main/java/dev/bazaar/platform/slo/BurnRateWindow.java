package dev.bazaar.platform.slo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One condition of a multiwindow, multi-burn-rate alert (the Google SRE workbook's, chapter 5): the error budget
 * burns at least {@code burnRate} times as fast as the rate that would spend it exactly over the budget period, both
 * over the long window (it matters) and over the short one (it still goes on, so the alert ends soon after the
 * errors do).
 *
 * @param longWindow  the window over which enough budget is spent to act on
 * @param shortWindow the window, about a twelfth of the long one, that shows it is still happening
 * @param burnRate    how many times the sustainable rate: 1 spends the budget exactly over the period
 */
public record BurnRateWindow(Duration longWindow, Duration shortWindow, BigDecimal burnRate) {

    /** The error ratio above which both windows must be for an objective: {@code burnRate * (1 - target)}. */
    public BigDecimal threshold(Objective objective) {
        return burnRate.multiply(objective.errorBudget()).stripTrailingZeros();
    }

    /** The share of the budget of {@code period} that the long window spends at this burn rate. */
    public double budgetSpent(Duration period) {
        return burnRate.doubleValue() * longWindow.toMillis() / period.toMillis();
    }
}
