package dev.bazaar.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One process of a platform as {@link Platform#status()} sees it: {@code postgres}, {@code kafka}, or an instance
 * ({@code ordering}, {@code ordering-2}).
 *
 * @param memoryBytes resident memory (for PostgreSQL: the postmaster and its backends, shared memory once)
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

    static ComponentStatus of(String name, Optional<ProcessHandle> process, String address, Health health, long memoryBytes,
                              boolean external) {
        Duration uptime = process.flatMap(handle -> handle.info().startInstant())
                .map(started -> Duration.between(started, Instant.now())).orElse(Duration.ZERO);
        return new ComponentStatus(name, process.map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty()),
                address, health, memoryBytes, uptime, external);
    }

    public boolean running() {
        return pid.isPresent() || external;
    }
}
