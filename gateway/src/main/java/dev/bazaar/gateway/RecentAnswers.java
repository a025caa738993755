package dev.bazaar.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest successful answers to reads, kept to be served again while their service is down.
 * Bounded three ways so that an outage never turns into a memory problem: by count and by total body
 * size (least recently used evicted first), and by age (an answer older than {@code maxAge} is never
 * served). Thread-safe; every operation is short and holds a single lock.
 */
final class RecentAnswers {

    /** One answer as the service gave it. {@code contentType} may be null. */
    record Answer(byte[] body, String contentType, Instant storedAt) {

        Duration ageAt(Instant now) {
            Duration age = Duration.between(storedAt, now);
            return age.isNegative() ? Duration.ZERO : age;
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    RecentAnswers(int maxEntries, long maxBytes, Duration maxAge, Clock clock) {
        if (maxEntries < 1 || maxBytes < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the stale-answer cache needs room and time: " + maxEntries
                    + " entries, " + maxBytes + " bytes, " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Whether a body of this size could be kept at all (decided before buffering a copy of it). */
    boolean fits(long size) {
        return size <= maxBytes;
    }

    /** Keeps the answer under the key, replacing an older one; a body larger than the whole budget is ignored. */
    synchronized void put(String key, byte[] body, String contentType) {
        if (!fits(body.length)) {
            return;
        }
        Answer previous = answers.put(key, new Answer(body, contentType, clock.instant()));
        if (previous != null) {
            bytes -= previous.body().length;
        }
        bytes += body.length;
        Iterator<Map.Entry<String, Answer>> eldest = answers.entrySet().iterator();
        while ((answers.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }

    /** The answer kept under the key, if there is one young enough to be served. */
    synchronized Optional<Answer> get(String key) {
        Answer answer = answers.get(key);
        if (answer == null) {
            return Optional.empty();
        }
        if (answer.ageAt(clock.instant()).compareTo(maxAge) > 0) {
            answers.remove(key);
            bytes -= answer.body().length;
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    synchronized int size() {
        return answers.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
