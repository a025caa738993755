package dev.bazaar.console.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * The platform at one scrape: every measure's value, counters summed over every instance ever seen (a process that is
 * down keeps its last count, and one that restarted continues from where it was), gauges over the instances that
 * answered.
 */
public record Snapshot(Instant at, Map<String, Double> values) {

    public Snapshot {
        values = Map.copyOf(values);
    }

    public double value(String key) {
        return values.getOrDefault(key, 0.0);
    }
}
