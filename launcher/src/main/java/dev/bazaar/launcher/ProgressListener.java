package dev.bazaar.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * What the launcher reports while it builds, starts and stops the platform. Every method has an empty
 * default, so a listener overrides only what it cares about.
 */
public interface ProgressListener {

    /** Maven is about to rebuild these modules. */
    default void building(List<String> modules) {
    }

    /** A line worth showing from the build: a module being built, an error, the result. */
    default void buildProgress(String line) {
    }

    /** A component's process is being started. */
    default void starting(String component) {
    }

    /** A component already runs under this home and is kept as it is. */
    default void reused(String component, long pid) {
    }

    /** A component answers its health check, {@code took} after it was started. */
    default void healthy(String component, Duration took, String detail) {
    }

    /** The platform is up but events of the start are still on their way; one phrase per thing behind. */
    default void settling(List<String> behind) {
    }

    /**
     * Every outbox is empty and every consumer has caught up, {@code took} after the applications were healthy;
     * or, when {@code stillBehind} is not empty, the platform gave up waiting and serves with these lags.
     */
    default void settled(Duration took, List<String> stillBehind) {
    }

    /** A component failed to start; {@code logTail} is the end of its log. */
    default void failed(String component, String reason, List<String> logTail) {
    }

    default void stopping(String component) {
    }

    default void stopped(String component) {
    }

    /** Anything else worth a line. */
    default void message(String text) {
    }

    /** Reports nothing. */
    static ProgressListener silent() {
        return new ProgressListener() {
        };
    }

    /** Writes one line per event, as the {@code bazaar} command shows them. */
    static ProgressListener printingTo(PrintStream out) {
        return new ConsoleProgress(out);
    }
}
