package dev.bazaar.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The {@code bazaar} command's progress lines: one per event, component names aligned. */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void building(List<String> modules) {
        line("build", "rebuilding " + String.join(", ", modules) + " (jars older than their sources)");
    }

    @Override
    public void buildProgress(String text) {
        line("build", text);
    }

    @Override
    public void starting(String component) {
        line(component, "starting");
    }

    @Override
    public void reused(String component, long pid) {
        line(component, "already running (pid " + pid + ")");
    }

    @Override
    public void healthy(String component, Duration took, String detail) {
        line(component, "up in " + seconds(took) + (detail.isEmpty() ? "" : "  " + detail));
    }

    @Override
    public void settling(List<String> behind) {
        line("events", "settling: " + String.join("; ", behind));
    }

    @Override
    public void settled(Duration took, List<String> stillBehind) {
        if (stillBehind.isEmpty()) {
            line("events", "settled in " + seconds(took) + "  (outboxes empty, every consumer caught up)");
        } else {
            line("events", "NOT settled after " + seconds(took) + ", serving anyway: " + String.join("; ", stillBehind));
        }
    }

    @Override
    public void failed(String component, String reason, List<String> logTail) {
        line(component, "FAILED: " + reason);
        if (!logTail.isEmpty()) {
            out.println("  ---- last lines of its log ----");
            logTail.forEach(text -> out.println("  | " + text));
            out.println("  -------------------------------");
        }
    }

    @Override
    public void stopping(String component) {
        line(component, "stopping");
    }

    @Override
    public void stopped(String component) {
        line(component, "stopped");
    }

    @Override
    public void message(String text) {
        out.println(text);
        out.flush();
    }

    private void line(String component, String text) {
        out.printf("  %-14s %s%n", component, text);
        out.flush();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
