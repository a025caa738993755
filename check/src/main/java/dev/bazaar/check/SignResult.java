package dev.bazaar.check;

import java.util.List;

/**
 * The outcome for one sign.
 *
 * @param sign      which sign
 * @param verdict   clear, warning, present, or not analysed
 * @param threshold the rule that decides the verdict, in words
 * @param summary   the finding in one sentence (for a sign not analysed: why)
 * @param evidence  where it was found, file by line
 */
public record SignResult(Sign sign, Verdict verdict, String threshold, String summary, List<Evidence> evidence) {

    public SignResult {
        evidence = List.copyOf(evidence);
    }

    /**
     * This finding and another on the same sign (code and traces; configuration and grants): the worse verdict (a
     * sign not analysed one way takes the other's), both rules, both summaries and all the evidence.
     */
    public SignResult and(SignResult other) {
        Verdict worse = rank(other.verdict) > rank(verdict) ? other.verdict : verdict;
        List<Evidence> all = new java.util.ArrayList<>(evidence);
        all.addAll(other.evidence);
        String rules = threshold.isEmpty() ? other.threshold : other.threshold.isEmpty() ? threshold
                : threshold + "; " + other.threshold;
        return new SignResult(sign, worse, rules, summary + "; " + other.summary, all);
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case NOT_ANALYSED -> 0;
            case CLEAR -> 1;
            case WARNING -> 2;
            case PRESENT -> 3;
        };
    }

    public static SignResult notAnalysed(Sign sign, String reason) {
        return new SignResult(sign, Verdict.NOT_ANALYSED, "", reason, List.of());
    }
}
