package dev.bazaar.platform.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop the chassis supervises: the outbox relay, a sweeper, the payment worker. It runs its step over and
 * over, pausing {@code interval} between steps unless the step says more work is waiting or {@link #wakeUp()} is
 * called. A step that fails is logged and the loop goes on: a database away now is back at a later step. Only the
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

    private final String name;
    private final Duration interval;
    private final BooleanSupplier step;
    private final Duration stuckAfter;
    private final int phase;
    private final Semaphore wakeUps = new Semaphore(0);
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
        this.name = name;
        this.interval = interval;
        this.step = step;
        this.stuckAfter = stuckAfter;
        this.phase = phase;
    }

    public String name() {
        return name;
    }

    /** Runs the next step now rather than after the interval. */
    public void wakeUp() {
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
        if (beat != null && beat.plus(stuckAfter).plus(interval).isBefore(clock.instant())) {
            return "stuck in a step since " + beat;
        }
        return null;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                lastBeat = clock.instant();
                boolean more = false;
                try {
                    more = step.getAsBoolean();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    log.warn("{} failed, it tries again in {}: {}", name, interval, e.toString());
                }
                if (!more && wakeUps.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable fatal) {
            death = fatal;
            log.error("{} died; the process is no longer live and must be restarted", name, fatal);
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
