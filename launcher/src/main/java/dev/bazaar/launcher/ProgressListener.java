package dev.bazaar.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What the launcher reports while it builds, starts and stops the platform: one line per event, names aligned. */
public final class ProgressListener {

    private final PrintStream out;

    private ProgressListener(PrintStream out) {
        this.out = out;
    }

    /** Writes one line per event, as the {@code bazaar} command shows them. */
    public static ProgressListener printingTo(PrintStream out) {
        return new ProgressListener(out);
    }

    public static ProgressListener silent() {
        return new ProgressListener(null);
    }

    void healthy(String part, Duration took, String detail) {
        line(part, "up in " + seconds(took) + (detail.isEmpty() ? "" : "  " + detail));
    }

    /** Every outbox empty and every consumer caught up; or, with {@code stillBehind}, given up waiting. */
    void settled(Duration took, List<String> stillBehind) {
        line("events", stillBehind.isEmpty() ? "settled in " + seconds(took) + "  (outboxes empty, every consumer caught up)"
                : "NOT settled after " + seconds(took) + ", serving anyway: " + String.join("; ", stillBehind));
    }

    /** A part failed to start; {@code logTail} is the end of its log. */
    void failed(String part, String reason, List<String> logTail) {
        line(part, "FAILED: " + reason);
        if (out != null && !logTail.isEmpty()) {
            out.println("  ---- last lines of its log ----");
            logTail.forEach(text -> out.println("  | " + text));
            out.println("  -------------------------------");
        }
    }

    void message(String text) {
        if (out != null) {
            out.println(text);
            out.flush();
        }
    }

    /** One event of a part ({@code ordering-2}, {@code build}, {@code events}): its name aligned, then what happened. */
    void line(String part, String text) {
        message(String.format("  %-14s %s", part, text));
    }

    /** The time since {@code begin} ({@link System#nanoTime()}), for people: {@code 12.3 s}. */
    static String since(long begin) {
        return seconds(Duration.ofNanos(System.nanoTime() - begin));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
