package dev.bazaar.console.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bazaar.platform.slo.Objective;
import dev.bazaar.platform.slo.Slos;

/**
 * Everything the console keeps from a scrape, and nothing else: a few dozen numbers per round, so that days of
 * history fit in a few megabytes. Metric names are those of docs/metrics.md and of Spring Boot's actuator.
 */
public final class Measures {

    /** Requests a person or a client made: the launcher's and Prometheus' health checks and scrapes are not. */
    private static final String REQUESTS = "http_server_requests_seconds_count{uri!~\"/actuator.*\"}";

    private final List<Measure> all;
    private final Set<String> metricNames;
    private final Map<String, Measure> byKey;

    public Measures(Slos slos) {
        List<Measure> measures = new ArrayList<>(List.of(
                Measure.serviceCounter("requests", REQUESTS),
                Measure.serviceCounter("errors", REQUESTS.replace("}", ", status=~\"5..\"}")),
                Measure.serviceCounter("request-seconds", REQUESTS.replace("_count{", "_sum{")),
                Measure.serviceGauge("outbox-backlog", "bazaar_outbox_backlog"),
                Measure.serviceGauge("dead-letters", "bazaar_dead_letters"),
                Measure.serviceGauge("consumer-lag", "kafka_consumer_fetch_manager_records_lag_max"),
                Measure.serviceGauge("open-breakers", "resilience4j_circuitbreaker_state{state=\"open\"}"),
                Measure.serviceGauge("heap-bytes", "jvm_memory_used_bytes{area=\"heap\"}"),
                Measure.counter("orders-placed", "bazaar_orders_placed_total"),
                Measure.counterBy("orders-ended", "bazaar_orders_completion_seconds_count", "outcome"),
                Measure.counterBy("orders-cancelled", "bazaar_orders_cancelled_total", "reason"),
                Measure.counterBy("completion-within", "bazaar_orders_completion_seconds_bucket", "le"),
                Measure.counterBy("revenue", "bazaar_revenue_total", "currency"),
                Measure.counter("stock-outs", "bazaar_stock_outs_total"),
                Measure.counter("stock-rejections", "bazaar_stock_rejections_total"),
                Measure.counter("payments-declined", "bazaar_payments_declined_total"),
                Measure.counter("processor-errors", "bazaar_payments_processor_errors_total"),
                Measure.counter("refunds", "bazaar_refunds_total")));
        for (Objective objective : slos.objectives()) {
            measures.add(new Measure(countedKey(objective), objective.sli().counted(), null, true, false));
            measures.add(new Measure(totalKey(objective), objective.sli().total(), null, true, false));
        }
        this.all = List.copyOf(measures);
        this.byKey = measures.stream().collect(Collectors.toUnmodifiableMap(Measure::key, measure -> measure));
        this.metricNames = measures.stream().map(measure -> measure.selector().metric()).collect(Collectors.toUnmodifiableSet());
    }

    public List<Measure> all() {
        return all;
    }

    /** Whether any measure reads this metric: the others are not even taken apart. */
    public boolean wants(String metric) {
        return metricNames.contains(metric);
    }

    /** Every measure's values in one process's samples, by history key. */
    public Map<String, Double> valuesIn(List<Exposition.Sample> samples) {
        Map<String, Double> values = new LinkedHashMap<>();
        all.forEach(measure -> values.putAll(measure.valuesIn(samples)));
        return values;
    }

    /** The measure a history key belongs to: {@code orders-ended|delivered} is {@code orders-ended}'s. */
    public Measure of(String key) {
        int split = key.indexOf('|');
        Measure measure = byKey.get(split < 0 ? key : key.substring(0, split));
        if (measure == null) {
            throw new IllegalArgumentException("no measure for " + key);
        }
        return measure;
    }

    public static String countedKey(Objective objective) {
        return "slo:" + objective.name() + ":counted";
    }

    public static String totalKey(Objective objective) {
        return "slo:" + objective.name() + ":total";
    }

    /** A service's own value of a per-service measure: {@code ordering/requests}. */
    public static String ofService(String service, String key) {
        return service + "/" + key;
    }
}
