package dev.bazaar.console.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recent past, bounded: every snapshot of the last {@code recent} (an hour, at the scrape interval), then one a
 * minute back to {@code retention} (three days). At five seconds and some 150 numbers a snapshot that is about 5,000
 * snapshots, a few megabytes: no database. A console that restarts starts with no history.
 */
public final class History {

    private static final Duration THINNED = Duration.ofMinutes(1);

    private final Duration recent;
    private final Duration retention;
    /** Oldest first: the thinned past, then every scrape of the recent past. */
    private final List<Snapshot> coarse = new ArrayList<>();
    private final List<Snapshot> fine = new ArrayList<>();

    public History(Duration recent, Duration retention) {
        this.recent = recent;
        this.retention = retention;
    }

    public synchronized void add(Snapshot snapshot) {
        fine.add(snapshot);
        while (fine.get(0).at().isBefore(snapshot.at().minus(recent))) {
            Snapshot old = fine.remove(0);
            if (coarse.isEmpty() || !old.at().isBefore(coarse.get(coarse.size() - 1).at().plus(THINNED))) {
                coarse.add(old);
            }
        }
        while (!coarse.isEmpty() && coarse.get(0).at().isBefore(snapshot.at().minus(retention))) {
            coarse.remove(0);
        }
    }

    public synchronized Optional<Snapshot> latest() {
        return fine.isEmpty() ? Optional.empty() : Optional.of(fine.get(fine.size() - 1));
    }

    /** The oldest snapshot kept: how far back the history reaches. */
    public synchronized Optional<Snapshot> earliest() {
        return size() == 0 ? Optional.empty() : Optional.of(get(0));
    }

    /**
     * The snapshot as of {@code at}: the last one taken at or before it, or the earliest one when the history does not
     * reach back so far.
     */
    public synchronized Optional<Snapshot> asOf(Instant at) {
        if (size() == 0) {
            return Optional.empty();
        }
        return Optional.of(get(Math.max(0, firstAfter(at) - 1)));
    }

    /** The snapshots since {@code since}, oldest first. */
    public synchronized List<Snapshot> since(Instant since) {
        List<Snapshot> found = new ArrayList<>();
        for (int i = firstAtOrAfter(since); i < size(); i++) {
            found.add(get(i));
        }
        return found;
    }

    /**
     * How much a counter grew over the window that ends at {@code end}, and over how long it was measured (shorter than
     * asked when the history is); empty when there is no history yet. A counter is read at the window's exact ends,
     * linearly between the scrapes on either side: windows a few scrapes long then measure the same span wherever they
     * fall, as two windows compared with an offset must.
     */
    public synchronized Optional<Increase> increase(String key, Instant end, Duration window) {
        if (size() == 0) {
            return Optional.empty();
        }
        Instant last = min(max(end, get(0).at()), get(size() - 1).at());
        Instant first = min(max(end.minus(window), get(0).at()), last);
        return Optional.of(new Increase(valueAt(key, last) - valueAt(key, first), Duration.between(first, last)));
    }

    /** A counter's value at an instant within the history, interpolated between the scrapes before and after it. */
    private double valueAt(String key, Instant at) {
        int after = firstAtOrAfter(at);
        Snapshot next = get(after);
        if (after == 0 || next.at().equals(at)) {
            return next.value(key);
        }
        Snapshot before = get(after - 1);
        double share = (double) Duration.between(before.at(), at).toMillis() / Duration.between(before.at(), next.at()).toMillis();
        return before.value(key) + share * (next.value(key) - before.value(key));
    }

    private int size() {
        return coarse.size() + fine.size();
    }

    private Snapshot get(int index) {
        return index < coarse.size() ? coarse.get(index) : fine.get(index - coarse.size());
    }

    /** The index of the first snapshot taken at or after {@code at}; size() when none was. */
    private int firstAtOrAfter(Instant at) {
        int low = 0;
        int high = size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (get(middle).at().isBefore(at)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The index of the first snapshot taken after {@code at}; size() when none was. */
    private int firstAfter(Instant at) {
        int index = firstAtOrAfter(at);
        while (index < size() && get(index).at().equals(at)) {
            index++;
        }
        return index;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A counter's growth over a window, and the time it was measured over. */
    public record Increase(double amount, Duration over) {

        public double perSecond() {
            return over.isZero() ? 0 : amount / (over.toMillis() / 1000.0);
        }
    }
}
