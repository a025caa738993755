package dev.bazaar.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One process the {@link Supervisor} runs: PostgreSQL, Kafka, or one instance of an application. An external
 * server (one the launcher only uses) is a part too, with no process of its own.
 */
interface Part {

    /** {@code postgres}, {@code kafka}, {@code ordering}, {@code ordering-2}. */
    String id();

    /** Its process under this home; empty when it does not run, or is external. */
    Optional<ProcessHandle> process();

    boolean isExternal();

    /** Where it is reached, {@code host:port}. */
    String address();

    Path logFile();

    /** Starts it and returns once it is spawned (or, for PostgreSQL, ready); an external part is only checked. */
    void start();

    /** Whether it serves: ready for what waits for it. */
    boolean healthy();

    /**
     * Whether it runs but says it cannot work: an application whose liveness is DOWN (a background loop or a Kafka
     * consumer dead inside a JVM that still answers). Only a definite answer counts; one that cannot be had (starting,
     * busy) does not.
     */
    default boolean saysNotLive() {
        return false;
    }

    /** Stops it gracefully and waits: it finishes what it holds, and is killed if it takes too long. */
    void stop();

    /** SIGKILL, as a crash would. */
    default void kill() {
        process().ifPresent(OsProcesses::kill);
    }

    /** Its resident memory; 0 when it does not run. */
    default long memoryBytes() {
        return process().map(process -> OsProcesses.statusBytes(process.pid(), "VmRSS")).orElse(0L);
    }

    /** Its pid file, which outlives a crash: a part whose pid file is left but whose process is gone has crashed. */
    Path pidFile();

    /** Left by {@link Supervisor#kill} so that a part killed on purpose is not brought back by {@link Supervisor#heal}. */
    default Path killedMarker() {
        return pidFile().resolveSibling(id() + ".killed");
    }
}
