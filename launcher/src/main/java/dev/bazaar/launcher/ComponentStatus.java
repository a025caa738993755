package dev.bazaar.launcher;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One component of a platform as {@link Platform#status()} sees it.
 *
 * @param name        {@code postgres}, {@code kafka}, a service or {@code gateway}
 * @param pid         its process, when it runs under this home
 * @param address     where it listens, {@code host:port}
 * @param health      whether it answers
 * @param memoryBytes resident memory (for PostgreSQL: the postmaster and its backends, shared memory once)
 * @param uptime      time since its process started, zero when it does not run
 * @param external    whether it is an existing server the launcher only uses
 */
public record ComponentStatus(String name, OptionalLong pid, String address, Health health, long memoryBytes,
                              Duration uptime, boolean external) {

    public enum Health {
        /** Running and answering its health check. */
        UP,
        /** Running (or external) but not answering. */
        DOWN,
        /** Not running. */
        STOPPED
    }

    public boolean running() {
        return pid.isPresent() || external;
    }
}
