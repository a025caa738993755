package dev.bazaar.console.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    private final Deque<Snapshot> fine = new ArrayDeque<>();
    private final Deque<Snapshot> coarse = new ArrayDeque<>();

    public History(Duration recent, Duration retention) {
        this.recent = recent;
        this.retention = retention;
    }

    public synchronized void add(Snapshot snapshot) {
        fine.addLast(snapshot);
        while (!fine.isEmpty() && fine.peekFirst().at().isBefore(snapshot.at().minus(recent))) {
            Snapshot old = fine.removeFirst();
            if (coarse.isEmpty() || !old.at().isBefore(coarse.peekLast().at().plus(THINNED))) {
                coarse.addLast(old);
            }
        }
        while (!coarse.isEmpty() && coarse.peekFirst().at().isBefore(snapshot.at().minus(retention))) {
            coarse.removeFirst();
        }
    }

    public synchronized Optional<Snapshot> latest() {
        return Optional.ofNullable(fine.peekLast());
    }

    /** The oldest snapshot kept: how far back the history reaches. */
    public synchronized Optional<Snapshot> earliest() {
        return Optional.ofNullable(coarse.isEmpty() ? fine.peekFirst() : coarse.peekFirst());
    }

    /**
     * The snapshot as of {@code at}: the last one taken at or before it, or the earliest one when the history does not
     * reach back so far (a window longer than the history is measured over the history).
     */
    public synchronized Optional<Snapshot> asOf(Instant at) {
        Snapshot found = null;
        for (Deque<Snapshot> tier : List.of(coarse, fine)) {
            for (Snapshot snapshot : tier) {
                if (snapshot.at().isAfter(at)) {
                    break;
                }
                found = snapshot;
            }
        }
        return Optional.ofNullable(found).or(this::earliest);
    }

    /** The snapshots since {@code since}, oldest first. */
    public synchronized List<Snapshot> since(Instant since) {
        List<Snapshot> found = new ArrayList<>();
        for (Deque<Snapshot> tier : List.of(coarse, fine)) {
            tier.stream().filter(snapshot -> !snapshot.at().isBefore(since)).forEach(found::add);
        }
        return found;
    }

    /**
     * How much a counter grew over the window that ends at {@code end}, and over how long it was measured (shorter
     * than asked when the history is); empty when there is no history yet.
     */
    public Optional<Increase> increase(String key, Instant end, Duration window) {
        Optional<Snapshot> last = asOf(end);
        Optional<Snapshot> first = asOf(end.minus(window));
        if (last.isEmpty() || first.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Increase(last.get().value(key) - first.get().value(key),
                Duration.between(first.get().at(), last.get().at())));
    }

    /** A counter's growth over a window, and the time it was measured over. */
    public record Increase(double amount, Duration over) {

        public double perSecond() {
            return over.isZero() ? 0 : amount / (over.toMillis() / 1000.0);
        }
    }
}
