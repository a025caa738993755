package dev.bazaar.console.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bazaar.platform.slo.Selector;

/**
 * A number the console takes from every scrape: the sum of the series a selector picks, split by one label's values
 * when {@code by} is given ({@code orders-ended|delivered}, {@code orders-ended|rejected}).
 *
 * @param key        how the history names it
 * @param selector   the series it sums
 * @param by         the label it is split by, or null
 * @param counter    a counter (only ever grows, back to 0 when its process restarts) rather than a gauge
 * @param perService kept for each service rather than for the platform
 */
public record Measure(String key, Selector selector, String by, boolean counter, boolean perService) {

    static Measure counter(String key, String selector) {
        return new Measure(key, Selector.parse(selector), null, true, false);
    }

    static Measure counterBy(String key, String selector, String label) {
        return new Measure(key, Selector.parse(selector), label, true, false);
    }

    static Measure serviceCounter(String key, String selector) {
        return new Measure(key, Selector.parse(selector), null, true, true);
    }

    static Measure serviceGauge(String key, String selector) {
        return new Measure(key, Selector.parse(selector), null, false, true);
    }

    /** The history's key of one value: {@code key}, or {@code key|value of the label}. */
    public static String keyOf(String key, String group) {
        return group == null ? key : key + "|" + group;
    }

    /** This measure's values in one process's samples, by history key; a series without the label counts under "". */
    Map<String, Double> valuesIn(List<Exposition.Sample> samples) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (by == null) {
            values.put(key, 0.0);
        }
        for (Exposition.Sample sample : samples) {
            if (selector.matches(sample.name(), sample.labels()) && !Double.isNaN(sample.value())) {
                String group = by == null ? null : sample.labels().getOrDefault(by, "");
                values.merge(keyOf(key, group), sample.value(), Double::sum);
            }
        }
        return values;
    }
}
