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

    public static SignResult notAnalysed(Sign sign, String reason) {
        return new SignResult(sign, Verdict.NOT_ANALYSED, "", reason, List.of());
    }
}
