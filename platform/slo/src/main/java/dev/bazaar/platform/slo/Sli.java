package dev.bazaar.platform.slo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A service-level indicator as a ratio of two counters over a window: the events that went well (or badly) out of
 * all of them. Each counter is the sum, over every series its selector picks (all instances, all other labels), of
 * its rate over the window; the error ratio is then {@code 1 - good / total} or {@code bad / total}.
 *
 * @param counting    whether {@code counted} counts the good events or the bad ones
 * @param counted     the good (or bad) events
 * @param total       all events
 * @param totalOffset how far back {@code total} is read ({@code offset} in PromQL): the events counted as good are
 *                    known only some time after they are counted in total (an order placed now has 30 s to end), so
 *                    the two are compared that far apart; zero for most
 */
public record Sli(Counting counting, Selector counted, Selector total, Duration totalOffset) {

    /** Which events the numerator counts. */
    public enum Counting {
        /** Error ratio {@code 1 - counted / total}. */
        GOOD,
        /** Error ratio {@code counted / total}. */
        BAD
    }

    public Sli {
        Objects.requireNonNull(counting, "counting");
        Objects.requireNonNull(counted, "counted");
        Objects.requireNonNull(total, "total");
        totalOffset = totalOffset == null ? Duration.ZERO : totalOffset;
    }

    public Optional<Selector> good() {
        return counting == Counting.GOOD ? Optional.of(counted) : Optional.empty();
    }

    public Optional<Selector> bad() {
        return counting == Counting.BAD ? Optional.of(counted) : Optional.empty();
    }

    /**
     * The share of events that went wrong, from the rates (or increases: the ratio is the same) of the counted events
     * and of all events over one window; NaN when nothing happened. Not clamped: with an offset, a window can see a
     * few more good events than total ones (orders placed just before it ended within it), and those balance out over
     * longer windows.
     */
    public double errorRatio(double countedRate, double totalRate) {
        double ratio = countedRate / totalRate;
        return counting == Counting.GOOD ? 1 - ratio : ratio;
    }
}
