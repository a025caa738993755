package dev.bazaar.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Places orders for one step of a run, closed or open loop, and records every answer: its latency in an HdrHistogram
 * (microseconds, three significant digits, up to two minutes), and per second how many were accepted.
 */
final class Load {

    /** Open loop: requests due but not sent because this many are already waiting (the client's own ceiling). */
    static final int MAX_IN_FLIGHT = 2000;
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final HttpClient http;
    private final Supplier<HttpRequest.Builder> orders;
    private final BiConsumer<String, Long> accepted;

    /**
     * @param orders   the next order to place
     * @param accepted told of every accepted order: its id and when it was answered ({@link System#nanoTime()})
     */
    Load(HttpClient http, Supplier<HttpRequest.Builder> orders, BiConsumer<String, Long> accepted) {
        this.http = http;
        this.orders = orders;
        this.accepted = accepted;
    }

    /** What one step did. Latencies in microseconds. */
    record Step(String name, Duration length, long sent, long accepted, long shed, long refused, long failed, long notSent,
                Histogram latency, long[] acceptedPerSecond) {

        double acceptedPerSecondMean() {
            return accepted / (length.toMillis() / 1000.0);
        }
    }

    /**
     * Closed loop: {@code shoppers} threads, each placing its next order when the last was answered, or, told to come
     * back later (429 or 503 with Retry-After), after that long, as a well-behaved client would.
     */
    Step closed(String name, int shoppers, Duration length) {
        Recording recording = new Recording(name, length);
        ExecutorService threads = Executors.newFixedThreadPool(shoppers);
        long end = recording.start + length.toNanos();
        for (int i = 0; i < shoppers; i++) {
            threads.submit(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    recording.sent.incrementAndGet();
                    try {
                        HttpResponse<String> response = http.send(orders.get().build(), HttpResponse.BodyHandlers.ofString());
                        recording.answered(sent, response, null);
                        long pause = Math.min(retryAfter(response).toNanos(), end - System.nanoTime());
                        if (pause > 0) {
                            LockSupport.parkNanos(pause);
                        }
                    } catch (Exception e) {
                        recording.answered(sent, null, e);
                        if (e instanceof InterruptedException) {
                            return;
                        }
                    }
                }
            });
        }
        threads.shutdown();
        await(threads, length.plusMinutes(2));
        return recording.step();
    }

    /**
     * Open loop: an order falls due every 1/rate s, and is sent then whatever the answers to the others; its latency is
     * counted from when it was due, so a platform that falls behind shows it in the latency rather than in a slower
     * rate (coordinated omission, as wrk2 avoids it).
     */
    Step open(String name, double rate, Duration length) {
        Recording recording = new Recording(name, length);
        long interval = (long) (1_000_000_000L / rate);
        long count = (long) (rate * length.toMillis() / 1000.0);
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch((int) Math.min(count, Integer.MAX_VALUE));
        for (long i = 0; i < count; i++) {
            long due = recording.start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                recording.notSent.incrementAndGet();
                answered.countDown();
                continue;
            }
            inFlight.incrementAndGet();
            recording.sent.incrementAndGet();
            http.sendAsync(orders.get().build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                recording.answered(due, response, failure);
                inFlight.decrementAndGet();
                answered.countDown();
            });
        }
        try {
            answered.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return recording.step();
    }

    /** How long an answer asks the client to wait before it tries again; zero when it does not. */
    static Duration retryAfter(HttpResponse<?> response) {
        if (response.statusCode() != 429 && response.statusCode() != 503) {
            return Duration.ZERO;
        }
        try {
            return response.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds).orElse(Duration.ZERO);
        } catch (NumberFormatException e) {
            // An HTTP date rather than seconds: not what the gateway or the services send; go on at once.
            return Duration.ZERO;
        }
    }

    private static void await(ExecutorService threads, Duration atMost) {
        try {
            if (!threads.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The answers of one step, as they come. */
    private final class Recording {
        final String name;
        final Duration length;
        final long start = System.nanoTime();
        final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger shed = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger notSent = new AtomicInteger();
        final AtomicLongArray perSecond;

        Recording(String name, Duration length) {
            this.name = name;
            this.length = length;
            this.perSecond = new AtomicLongArray((int) length.toSeconds() + 1);
        }

        void answered(long from, HttpResponse<String> response, Throwable failure) {
            long now = System.nanoTime();
            latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - from) / 1000)));
            if (failure != null || response == null) {
                failed.incrementAndGet();
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                ok.incrementAndGet();
                int second = (int) ((now - start) / 1_000_000_000L);
                if (second < perSecond.length()) {
                    perSecond.incrementAndGet(second);
                }
                accepted.accept(Shop.placed(response), now);
            } else if (status == 429 || status == 503) {
                shed.incrementAndGet();
            } else if (status >= 500) {
                failed.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        }

        Step step() {
            long[] seconds = new long[perSecond.length()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = perSecond.get(i);
            }
            return new Step(name, length, sent.get(), ok.get(), shed.get(), refused.get(), failed.get(), notSent.get(),
                    latency, seconds);
        }
    }

    static List<Long> asList(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(value);
        }
        return list;
    }
}
