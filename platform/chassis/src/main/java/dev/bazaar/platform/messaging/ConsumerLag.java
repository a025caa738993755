package dev.bazaar.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * How far behind this service's consumers are, in time: the age of the events it applied (or passed over, not being
 * its business) over the last {@value #WINDOW_SECONDS} seconds, from their commit at the producer ({@code ce_time})
 * to their application here. It grows when the platform cannot keep up (this service's CPU, the broker, the
 * producer's relay), whatever the cause.
 * A producer that is down sends nothing, and so does not make its consumers look behind.
 */
public class ConsumerLag {

    static final int WINDOW_SECONDS = 10;
    /** Enough for thousands of events a second; beyond, the oldest samples of the window are dropped. */
    private static final int MOST_SAMPLES = 50_000;
    /**
     * How long a median is answered again before it is computed anew. Checkout asks at every order, and the median sorts
     * the whole window (at 28 orders a second some 1,500 samples, growing with the rate): computing it once a second
     * costs a few sorts a second whatever the rate, and the median of a ten-second window moves little in one.
     */
    private static final long RECOMPUTE_AFTER_MILLIS = 1000;

    private final Clock clock;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    /** Null until first asked for. */
    private Duration median;
    private long medianAt;

    public ConsumerLag(Clock clock) {
        this.clock = clock;
    }

    /** An event that committed at {@code occurred} was applied now. */
    public synchronized void applied(Instant occurred) {
        long now = clock.millis();
        samples.addLast(new long[] {now, Math.max(0, now - occurred.toEpochMilli())});
        forgetBefore(now - WINDOW_SECONDS * 1000L);
        while (samples.size() > MOST_SAMPLES) {
            samples.removeFirst();
        }
    }

    /** The median age of the events applied in the window, as computed at most a second ago; zero when none was. */
    public synchronized Duration current() {
        long now = clock.millis();
        if (median != null && now >= medianAt && now - medianAt < RECOMPUTE_AFTER_MILLIS) {
            return median;
        }
        forgetBefore(now - WINDOW_SECONDS * 1000L);
        if (samples.isEmpty()) {
            median = Duration.ZERO;
        } else {
            long[] ages = samples.stream().mapToLong(sample -> sample[1]).toArray();
            Arrays.sort(ages);
            median = Duration.ofMillis(ages[ages.length / 2]);
        }
        medianAt = now;
        return median;
    }

    private void forgetBefore(long cutoff) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < cutoff) {
            samples.removeFirst();
        }
    }
}
