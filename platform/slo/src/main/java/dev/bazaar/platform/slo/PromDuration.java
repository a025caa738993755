package dev.bazaar.platform.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 28d}. Read from slos.yaml,
 * written into rule names ({@code error_ratio_rate5m}) and range selectors ({@code [5m]}), so that both read the same.
 */
public final class PromDuration {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w|y))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] NAMES = {"d", "h", "m", "s", "ms"};

    private PromDuration() {
    }

    /** Reads {@code 30s}, {@code 1h30m}, {@code 28d}... (units ms, s, m, h, d, w, y as Prometheus has them). */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 5m, 1h or 28d");
        }
        long millis = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            millis += amount * switch (part.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 365 * 86_400_000L;
            };
        }
        return Duration.ofMillis(millis);
    }

    /** The shortest way Prometheus reads it back, in days at most ({@code 28d}, not {@code 4w}): {@code 90m} is {@code 1h30m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis <= 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            if (millis >= UNITS[i]) {
                text.append(millis / UNITS[i]).append(NAMES[i]);
                millis %= UNITS[i];
            }
        }
        return text.toString();
    }
}
