package dev.bazaar.console.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a round of scrapes into a {@link Snapshot}. A process's counters start again at 0 when it restarts: as
 * Prometheus' {@code rate()} does, a value lower than the last one is taken as a reset, and the count before it is
 * carried, so that the platform's counters only ever grow. Not thread-safe: one scrape round at a time.
 */
public final class Collector {

    /** What one process answered: its measures' values, or nothing when it could not be read. */
    public record Scrape(Target target, boolean up, Map<String, Double> values) {
    }

    private final Measures measures;
    /** Per instance, per key: the last value read and the total of the counts before its resets. */
    private final Map<String, Map<String, Counter>> counters = new HashMap<>();
    /** The service of every instance ever seen, so that one gone away still counts what it counted. */
    private final Map<String, String> serviceOf = new HashMap<>();

    public Collector(Measures measures) {
        this.measures = measures;
    }

    private static final class Counter {
        double last;
        double carried;

        double value() {
            return last + carried;
        }
    }

    public Snapshot collect(Instant at, List<Scrape> round) {
        Map<String, Double> values = new TreeMap<>();
        for (Scrape scrape : round) {
            String service = scrape.target().service();
            serviceOf.put(scrape.target().instance(), service);
            values.merge(Measures.ofService(service, "instances"), 1.0, Double::sum);
            values.merge(Measures.ofService(service, "up"), scrape.up() ? 1.0 : 0.0, Double::sum);
            if (!scrape.up()) {
                continue;
            }
            Map<String, Counter> own = counters.computeIfAbsent(scrape.target().instance(), instance -> new HashMap<>());
            scrape.values().forEach((key, value) -> {
                Measure measure = measures.of(key);
                if (measure.counter()) {
                    Counter counter = own.computeIfAbsent(key, k -> new Counter());
                    if (value < counter.last) {
                        counter.carried += counter.last;
                    }
                    counter.last = value;
                } else {
                    add(values, measure, service, key, value);
                }
            });
        }
        counters.forEach((instance, own) -> own.forEach((key, counter) -> {
            add(values, measures.of(key), serviceOf.get(instance), key, counter.value());
        }));
        return new Snapshot(at, values);
    }

    private static void add(Map<String, Double> values, Measure measure, String service, String key, double value) {
        values.merge(measure.perService() ? Measures.ofService(service, key) : key, value, Double::sum);
    }
}
