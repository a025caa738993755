package dev.bazaar.platform.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop the chassis supervises: the outbox relay, a sweeper, the payment worker. It runs its step over and
 * over, pausing {@code interval} between steps unless the step says more work is waiting or {@link #wakeUp()} is
 * called. A worker whose work falls due at known times (a carrier's next pick-up, a reservation's expiry) runs a
 * {@link Round} instead, which says when the next is due, and is woken by whoever makes work due
 * ({@link #wakeUpBy(Instant)}): it sleeps until then rather than look every so often, so that an idle service costs
 * nothing between its rounds; its longest pause is only a safety net, for work that another instance or a crash left.
 * A step that fails is logged and the loop goes on: a database away now is back at a later step. Only the
 * JVM's own failures (out of memory, say) end the loop, and then the worker is dead: {@link WorkersHealth} reports
 * the process not live, so that whatever runs it (the launcher, Kubernetes) starts it again. A step that never
 * returns is caught the same way, by its last beat growing old.
 *
 * <pre>{@code
 * @Bean
 * Worker reservationExpiry(StockReservations reservations, InventoryProperties properties) {
 *     return new Worker("reservation-expiry", properties.expirySweepInterval(), () -> reservations.expireDue(100) == 100);
 * }
 * }</pre>
 */
public class Worker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /**
     * One round of work that knows when the next is due.
     */
    @FunctionalInterface
    public interface Round {

        /** What a round returns when more work is waiting right away: the next round runs at once. */
        Instant MORE = Instant.MIN;

        /**
         * @return when the next round is due (not before the shortest pause, even if that time has passed: what another
         *         instance holds can look due for a while); {@link #MORE} when more work is waiting right away (a full
         *         batch); null when nothing more is known to fall due (the worker looks again at the times it was told,
         *         or after its longest pause)
         */
        Instant run();
    }

    private final String name;
    private final Duration shortest;
    private final Duration longest;
    private final Round round;
    private final Duration stuckAfter;
    private final int phase;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Every time a wake-up asked for or a round named that has not come yet: each is kept until a round runs after it. */
    private final NavigableSet<Instant> due = new ConcurrentSkipListSet<>();
    private final Clock clock = Clock.systemUTC();
    private volatile Thread thread;
    private volatile Instant lastBeat;
    private volatile Throwable death;

    /**
     * @param step one round of work; returns true when more is waiting right away (a full batch, say)
     */
    public Worker(String name, Duration interval, BooleanSupplier step) {
        this(name, interval, step, Duration.ofMinutes(2), SmartLifecycle.DEFAULT_PHASE);
    }

    /**
     * @param stuckAfter how long one step may take before the worker counts as stuck
     * @param phase      its place in the start and stop order ({@link SmartLifecycle#getPhase()})
     */
    public Worker(String name, Duration interval, BooleanSupplier step, Duration stuckAfter, int phase) {
        this(name, Duration.ZERO, interval, () -> step.getAsBoolean() ? Round.MORE : null, stuckAfter, phase);
    }

    /**
     * @param shortest the least pause after a round before a wake-up or a due time runs the next, so that what falls
     *                 due meanwhile is taken in one round (a round that returns {@link Round#MORE} is followed at once)
     * @param longest  the longest pause, whatever the rounds said: the net for work nobody woke the worker for
     * @param round    one round of work, saying when the next is due
     */
    public Worker(String name, Duration shortest, Duration longest, Round round, Duration stuckAfter, int phase) {
        if (shortest.isNegative() || shortest.compareTo(longest) > 0) {
            throw new IllegalArgumentException(name + ": the shortest pause (" + shortest + ") must lie between zero and the "
                    + "longest (" + longest + ")");
        }
        this.name = name;
        this.shortest = shortest;
        this.longest = longest;
        this.round = round;
        this.stuckAfter = stuckAfter;
        this.phase = phase;
    }

    public String name() {
        return name;
    }

    /** Runs the next step now rather than after the interval. */
    public void wakeUp() {
        wakeUpBy(Instant.MIN);
    }

    /** Runs a round by this time at the latest (or once the shortest pause after the last is over, if that is later). */
    public void wakeUpBy(Instant time) {
        due.add(time);
        wakeUps.release();
    }

    /**
     * Why the worker cannot run, if it cannot: dead, or stuck in a step; null when it runs, and when it was stopped or
     * not started yet on purpose (the application starting or shutting down is not a failure).
     */
    public String trouble() {
        if (death != null) {
            return "died: " + death;
        }
        if (thread == null) {
            return null;
        }
        Instant beat = lastBeat;
        if (beat != null && beat.plus(stuckAfter).plus(longest).isBefore(clock.instant())) {
            return "stuck in a step since " + beat;
        }
        return null;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Instant start = clock.instant();
                lastBeat = start;
                wakeUps.drainPermits();
                // What was due by now is this round's; later times stay.
                due.headSet(start, true).clear();
                Instant next = null;
                try {
                    next = round.run();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    log.warn("{} failed, it tries again in {}: {}", name, longest, e.toString());
                }
                if (Round.MORE.equals(next)) {
                    continue;
                }
                if (next != null) {
                    due.add(next);
                }
                awaitNextRound(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable fatal) {
            death = fatal;
            log.error("{} died; the process is no longer live and must be restarted", name, fatal);
        }
    }

    /**
     * Sleeps until the earliest due time, not sooner than the shortest pause after the round that ended at {@code end}
     * nor later than the longest, woken to look again whenever a time is added. The pauses are measured on the
     * monotonic clock, so that the wall clock stepping back (an NTP correction, a resumed VM) does not hold up a wake-up.
     */
    private void awaitNextRound(long end) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long untilCeiling = end + longest.toNanos() - now;
            long untilDue = untilCeiling;
            Instant first = due.isEmpty() ? null : due.first(); // only this thread takes times out
            if (first != null) {
                Duration until = Duration.between(clock.instant(), first);
                // A time beyond the longest pause is left to the ceiling (and never converted: Instant.MAX is a valid time).
                untilDue = until.isNegative() ? 0 : until.compareTo(longest) >= 0 ? untilCeiling : Math.min(untilCeiling, until.toNanos());
            }
            long wait = Math.max(end + shortest.toNanos() - now, untilDue);
            if (wait <= 0) {
                return;
            }
            wakeUps.tryAcquire(wait, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void start() {
        Thread started = new Thread(this::loop, name);
        death = null;
        started.setDaemon(true);
        lastBeat = clock.instant();
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(stuckAfter.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
