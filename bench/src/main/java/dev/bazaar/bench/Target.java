package dev.bazaar.bench;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** What the benchmark needs of a running platform; the launcher gives it. */
public interface Target {

    /** The gateway: every order goes through it, as a shopper's would. */
    URI gateway();

    /** An access token of the staff account: to stock products and read orders' events. */
    String staffToken();

    /** Signs a shopper in as a browser would; returns the access token. */
    String signIn(String email, String password);

    /** Where a service's instances listen, for their metrics. */
    List<URI> instancesOf(String service);

    /** Every process of the platform as it runs now. */
    List<Process> processes();

    /** A connection to the platform's PostgreSQL (any database: its statistics cover all of them). */
    Connection postgres() throws SQLException;

    /** Makes the simulated card processor of every payment instance answer this late (zero: at once). */
    void cardProcessorLatency(Duration latency);

    /** Where reports are written: {@code .bazaar/reports/}. */
    Path reports();

    /**
     * One process of the platform.
     *
     * @param name        {@code kafka}, {@code ordering-2}...
     * @param pid         its process id
     * @param memoryBytes its resident memory (PostgreSQL's backends included)
     * @param tree        whether its children are part of it (PostgreSQL's backends)
     */
    record Process(String name, long pid, long memoryBytes, boolean tree) {
    }
}
