package dev.bazaar.launcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something outside the launcher (a port, a health check, a gateway, the books) that gives no signal. */
final class Poll {

    private Poll() {
    }

    /** Checks at once, then every {@code every} until it holds or {@code timeout} has passed: whether it held. */
    static boolean until(Duration timeout, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(every.toMillis());
        }
        return true;
    }

    /** Sleeps; an interrupt ends the command with a {@link LauncherException} rather than a stack trace. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted");
        }
    }
}
