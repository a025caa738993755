package dev.bazaar.platform.slo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/prometheus/slo-rules.yaml, generated from slos.yaml: for each objective, recording rules that keep its error
 * ratio over every alert window and over the budget period, and one multiwindow, multi-burn-rate alert per severity
 * (the Google SRE workbook's, chapter 5). The build checks that the file in the repository is this one.
 */
public final class PrometheusRules {

    /** Where the rules live, relative to the repository root. */
    public static final String PATH = "docs/prometheus/slo-rules.yaml";
    /** Where the objectives are explained; alerts point there. */
    public static final String DOCS = "docs/slos.md";

    private PrometheusRules() {
    }

    /** The recorded error ratio of an objective over a window: {@code slo:checkout_available:error_ratio_rate5m}. */
    public static String errorRatio(Objective objective, Duration window) {
        return "slo:" + objective.ruleName() + ":error_ratio_rate" + PromDuration.format(window);
    }

    /**
     * The PromQL of an objective's error ratio over a window: {@code 1 - good/total} or {@code bad/total}, each the sum
     * of its series' rates, the total read {@code total-offset} back.
     */
    public static String errorRatioExpr(Objective objective, Duration window) {
        Sli sli = objective.sli();
        String range = "[" + PromDuration.format(window) + "]";
        String offset = sli.totalOffset().isZero() ? "" : " offset " + PromDuration.format(sli.totalOffset());
        String ratio = "sum(rate(" + sli.counted().promql() + range + "))"
                + " / sum(rate(" + sli.total().promql() + range + offset + "))";
        return sli.counting() == Sli.Counting.GOOD ? "1 - " + ratio : ratio;
    }

    /** The PromQL of one severity's alert on an objective: any of its windows' conditions, both windows above threshold. */
    public static String alertExpr(Objective objective, AlertPolicy policy) {
        List<String> conditions = new ArrayList<>();
        for (BurnRateWindow window : policy.windows()) {
            String threshold = number(window.burnRate()) + " * " + number(objective.errorBudget());
            conditions.add("(\n"
                    + "  " + errorRatio(objective, window.longWindow()) + " > " + threshold + "\n"
                    + "and\n"
                    + "  " + errorRatio(objective, window.shortWindow()) + " > " + threshold + "\n"
                    + ")");
        }
        return String.join("\nor\n", conditions) + "\n";
    }

    public static String yaml(Slos slos) {
        StringBuilder yaml = new StringBuilder()
                .append("# Generated from slos.yaml by './bazaar topology --write-docs'. Do not edit: edit slos.yaml (see ").append(DOCS).append(").\n")
                .append("#\n")
                .append("# For each objective: its error ratio over every window an alert reads (slo:<objective>:error_ratio_rate<window>),\n")
                .append("# and one multiwindow, multi-burn-rate alert per severity (Google SRE workbook, \"Alerting on SLOs\"). Its error\n")
                .append("# ratio over the whole budget period (").append(PromDuration.format(slos.period()))
                .append(") is kept in the last group, evaluated less often, for dashboards.\n")
                .append("groups:\n");
        for (Objective objective : slos.objectives()) {
            yaml.append("  - name: slo-").append(objective.name()).append('\n')
                    .append("    rules:\n");
            for (Duration window : slos.alertWindows()) {
                recording(yaml, objective, window);
            }
            for (AlertPolicy policy : slos.alerting()) {
                alert(yaml, slos, objective, policy);
            }
        }
        yaml.append("  - name: slo-budgets\n")
                .append("    interval: 1m\n")
                .append("    rules:\n");
        for (Objective objective : slos.objectives()) {
            recording(yaml, objective, slos.period());
        }
        return yaml.toString();
    }

    private static void recording(StringBuilder yaml, Objective objective, Duration window) {
        yaml.append("      - record: ").append(errorRatio(objective, window)).append('\n')
                .append("        expr: ").append(quoted(errorRatioExpr(objective, window))).append('\n')
                .append("        labels:\n")
                .append("          objective: ").append(objective.name()).append('\n');
    }

    private static void alert(StringBuilder yaml, Slos slos, Objective objective, AlertPolicy policy) {
        yaml.append("      - alert: ").append(objective.alertName()).append('\n')
                .append("        expr: |\n");
        alertExpr(objective, policy).lines().forEach(line -> yaml.append("          ").append(line).append('\n'));
        yaml.append("        for: ").append(PromDuration.format(policy.pending())).append('\n')
                .append("        labels:\n")
                .append("          severity: ").append(policy.severity()).append('\n')
                .append("          objective: ").append(objective.name()).append('\n')
                .append("        annotations:\n")
                .append("          summary: ").append(quoted(summary(objective, policy))).append('\n')
                .append("          description: ").append(quoted(description(slos, objective, policy))).append('\n');
    }

    /** One line: which objective, and that its budget is burning. */
    public static String summary(Objective objective, AlertPolicy policy) {
        return objective.title() + ": the error budget burns too fast (" + policy.severity() + ")";
    }

    /** What it promises, and the conditions of the policy, one of which fired. */
    public static String description(Slos slos, Objective objective, AlertPolicy policy) {
        List<String> conditions = new ArrayList<>();
        for (BurnRateWindow window : policy.windows()) {
            String pace = window.burnRate().compareTo(BigDecimal.ONE) == 0 ? "faster than the period allows"
                    : "more than " + number(window.burnRate()) + " times as fast as the period allows";
            conditions.add(pace + " over both the last "
                    + PromDuration.format(window.longWindow()) + " and " + PromDuration.format(window.shortWindow()) + " ("
                    + percent(window.budgetSpent(slos.period())) + " of the budget in " + PromDuration.format(window.longWindow()) + ")");
        }
        return objective.sentence() + " Objective: " + objective.targetPercent() + " over " + PromDuration.format(slos.period())
                + ". Errors spend its budget " + String.join(", or ", conditions)
                + ". See " + DOCS + "#" + objective.name() + ".";
    }

    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static String percent(double share) {
        BigDecimal percent = BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return percent.toPlainString() + "%";
    }

    /** A YAML single-quoted scalar: nothing is escaped but the quote itself, so PromQL reads as written. */
    static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
