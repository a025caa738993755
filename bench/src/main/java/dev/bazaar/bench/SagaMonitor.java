package dev.bazaar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Once a second, how many orders ordering has taken and how many have ended (delivered, rejected or cancelled), from
 * its own counters (bazaar_orders_placed_total, bazaar_orders_completion_seconds_count, summed over its instances): the
 * saga's throughput and the backlog (placed minus ended) over the run, whoever placed them.
 */
final class SagaMonitor implements AutoCloseable {

    /** One second of the run: orders placed and ended since the run began. */
    record Tick(double second, double placed, double ended) {

        double backlog() {
            return placed - ended;
        }
    }

    /**
     * Only the three metrics read, not the whole exposition (over 100 KB, rendered each second on ordering's own CPU,
     * which counts in the figures this measures).
     */
    private static final String READ = "/actuator/prometheus?includedNames=bazaar_orders_placed,bazaar_orders_completion_seconds,"
            + "bazaar_orders_cancelled";

    private final HttpClient http;
    private final Supplier<List<URI>> ordering;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<Tick> ticks = new ArrayList<>();
    private final long start = System.nanoTime();
    private final double[] atStart;
    private volatile double cancelledForDeadline;

    SagaMonitor(HttpClient http, Supplier<List<URI>> ordering) {
        this.http = http;
        this.ordering = ordering;
        this.atStart = read();
        clock.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        double[] now = read();
        if (now == null || atStart == null) {
            return;
        }
        synchronized (ticks) {
            ticks.add(new Tick((System.nanoTime() - start) / 1e9, now[0] - atStart[0], now[1] - atStart[1]));
        }
        cancelledForDeadline = now[2] - atStart[2];
    }

    List<Tick> ticks() {
        synchronized (ticks) {
            return List.copyOf(ticks);
        }
    }

    /** The last tick, or nothing yet. */
    Tick last() {
        synchronized (ticks) {
            return ticks.isEmpty() ? new Tick(0, 0, 0) : ticks.get(ticks.size() - 1);
        }
    }

    /**
     * The counts at a moment of the run, interpolated between the ticks around it. Under overload ordering's metrics
     * wait behind checkouts and reads time out, so ticks can be many seconds apart and the last one before a moment
     * can be long before it; after the last tick, the last tick's counts.
     */
    static Tick at(List<Tick> ticks, double second) {
        Tick before = new Tick(0, 0, 0);
        for (Tick tick : ticks) {
            if (tick.second() >= second) {
                double share = tick.second() == before.second() ? 1 : (second - before.second()) / (tick.second() - before.second());
                return new Tick(second, before.placed() + share * (tick.placed() - before.placed()),
                        before.ended() + share * (tick.ended() - before.ended()));
            }
            before = tick;
        }
        return before;
    }

    /** Waits until every order placed so far has ended, or the time is up; returns whether it drained. */
    boolean awaitDrained(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Tick last = last();
            if (last.placed() > 0 && last.backlog() <= 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /**
     * Waits until the counters have been read at or after a moment of the run (a reading is stamped when it is answered,
     * and under overload answers are late), or the time is up; returns whether they were.
     */
    boolean awaitReadingAfter(double second, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (last().second() < second) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Orders cancelled because their saga passed its deadline, since the run began: what shedding load must prevent. */
    double cancelledForDeadline() {
        return cancelledForDeadline;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Placed, ended and cancelled for the deadline, summed over ordering's instances; null when one cannot be read. */
    private double[] read() {
        double placed = 0;
        double ended = 0;
        double deadline = 0;
        for (URI instance : ordering.get()) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(instance.resolve(READ))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                for (String line : answer.body().split("\n")) {
                    if (line.startsWith("bazaar_orders_placed_total")) {
                        placed += value(line);
                    } else if (line.startsWith("bazaar_orders_completion_seconds_count")) {
                        ended += value(line);
                    } else if (line.startsWith("bazaar_orders_cancelled_total") && line.contains("reason=\"deadline_passed\"")) {
                        deadline += value(line);
                    }
                }
            } catch (Exception e) {
                return null;
            }
        }
        return new double[] {placed, ended, deadline};
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
