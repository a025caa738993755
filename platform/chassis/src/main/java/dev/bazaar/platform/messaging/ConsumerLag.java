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

    private final Clock clock;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

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

    /** The median age of the events applied in the window; zero when none was. */
    public synchronized Duration current() {
        forgetBefore(clock.millis() - WINDOW_SECONDS * 1000L);
        if (samples.isEmpty()) {
            return Duration.ZERO;
        }
        long[] ages = samples.stream().mapToLong(sample -> sample[1]).toArray();
        Arrays.sort(ages);
        return Duration.ofMillis(ages[ages.length / 2]);
    }

    private void forgetBefore(long cutoff) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < cutoff) {
            samples.removeFirst();
        }
    }
}
