package dev.bazaar.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The moments the whole machine stood still: its virtual machine paused by the host (a snapshot, a migration), every
 * process frozen at once, the platform and the test alike. Seen as a thread that sleeps a fifth of a second waking
 * seconds late (a stall of the test's own JVM would look the same, and would time its requests out as well). A drill
 * run here once met one of 25 s ("crng reseeded due to virtual machine fork" in the kernel's
 * log at its end): every request in flight then timed out, which says nothing of the platform. The drills leave out
 * the requests caught in one, and in the moments after it while timeouts and breakers settle, and say so.
 */
final class MachinePauses {

    private static final Duration TICK = Duration.ofMillis(200);
    /** Far beyond a wake-up late for the CPU: on two busy cores those come within a fraction of a second. */
    private static final Duration PAUSE = Duration.ofSeconds(3);
    /** After a pause, the gateway's timeouts and circuit breakers settle within this (response timeout 5 s, breakers open 5 s). */
    static final Duration AFTERMATH = Duration.ofSeconds(10);

    private static final List<Pause> SEEN = new CopyOnWriteArrayList<>();

    static {
        Thread watcher = new Thread(MachinePauses::lookOut, "machine-pauses");
        watcher.setDaemon(true);
        watcher.start();
    }

    record Pause(Instant from, Instant to) {

        /** Whether a request sent at {@code at} and answered at {@code done} was in flight during it, or just after. */
        boolean caught(Instant at, Instant done) {
            return at.isBefore(to.plus(AFTERMATH)) && done.isAfter(from);
        }

        @Override
        public String toString() {
            return Duration.between(from, to).toMillis() + " ms from " + from;
        }
    }

    private MachinePauses() {
    }

    /** Starts watching, if not yet: call before what is to be judged. */
    static void watch() {
        // The static initialiser started the watcher.
    }

    /** The pauses seen so far. */
    static List<Pause> seen() {
        return List.copyOf(SEEN);
    }

    /**
     * Whether a request failed as a pause of the machine makes requests fail: it was in flight during one, or in the
     * moments after, and got no answer, or one saying a deadline passed or a service could not serve (429 for a request
     * that waited too long, 502, 503, 504). Any other answer is the platform's, pause or not.
     */
    static boolean caught(Instant at, Instant done, int status) {
        return List.of(0, 429, 502, 503, 504).contains(status) && SEEN.stream().anyMatch(pause -> pause.caught(at, done));
    }

    /**
     * Measured on both clocks: the pause seen here moved both (the wall clock, and the monotonic one that fired every
     * timeout at its end), but a guest's monotonic clock may also be held still across a pause, and its wall clock set
     * back; the longer of the two counts. A wall clock set forward seconds at once would read as a pause too: rare, and
     * only ever excusing failures in the moments after it.
     */
    private static void lookOut() {
        while (true) {
            Instant before = Instant.now();
            long start = System.nanoTime();
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Duration monotonic = Duration.ofNanos(System.nanoTime() - start);
            Duration wall = Duration.between(before, Instant.now());
            Duration slept = monotonic.compareTo(wall) > 0 ? monotonic : wall;
            if (slept.minus(TICK).compareTo(PAUSE) > 0) {
                SEEN.add(new Pause(before, before.plus(slept)));
            }
        }
    }
}
