package dev.bazaar.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import dev.bazaar.console.metrics.History;
import dev.bazaar.console.metrics.Measures;
import dev.bazaar.console.metrics.Scraper;
import dev.bazaar.console.metrics.Snapshot;
import dev.bazaar.console.slo.SloWatch;
import dev.bazaar.console.traces.RecentOrders;
import dev.bazaar.platform.slo.Objective;
import dev.bazaar.platform.slo.PromDuration;

/**
 * What the page shows, computed from the history on each request: per service health and RED, the business as time
 * series, the objectives' budgets and burn rates, the alerts, and the recent orders' traces. Numbers that cannot be
 * known (a ratio of nothing) are null.
 */
public final class Dashboard {

    /** Points per chart: the chart's span divided into this many steps (never finer than a scrape). */
    private static final int POINTS = 60;
    /** Rates in the service table are over the last minute. */
    private static final Duration NOW_WINDOW = Duration.ofMinutes(1);
    private static final double PER_MINUTE = 60;
    private static final double PER_SECOND = 1;
    private static final List<String> ENDINGS = List.of("delivered", "rejected", "cancelled");

    private final History history;
    private final Scraper scraper;
    private final SloWatch slos;
    private final RecentOrders orders;
    private final Duration scrapeInterval;

    public Dashboard(History history, Scraper scraper, SloWatch slos, RecentOrders orders, Duration scrapeInterval) {
        this.history = history;
        this.scraper = scraper;
        this.slos = slos;
        this.orders = orders;
        this.scrapeInterval = scrapeInterval;
    }

    public record View(Instant at, String scrapeInterval, String historySpan, int alertingSpeedUp, List<ServiceView> services,
                       Charts charts, Totals totals, List<ObjectiveView> objectives, List<SloWatch.AlertStatus> firing,
                       List<SloWatch.AlertEvent> alertHistory, RecentOrders.Orders orders) {
    }

    /** Gauges are as the instances that answer show them: null when none does. */
    public record ServiceView(String name, int instances, int up, List<InstanceView> instanceStates, Double requestsPerSecond,
                              Double errorRatio, Double meanLatencyMillis, Double outboxBacklog, Double deadLetters,
                              Double consumerLag, Double openBreakers, Double heapMegabytes) {
    }

    public record InstanceView(String id, String url, boolean up, String problem, long scrapeMillis) {
    }

    /** Time series on one time axis: each series a list of values (null where unknown), one per time. */
    public record Charts(String span, String step, List<Instant> times, Map<String, List<Double>> ordersPerMinute,
                         Map<String, List<Double>> revenuePerMinute, Map<String, List<Double>> completionSeconds,
                         Map<String, List<Double>> stockPerMinute, Map<String, List<Double>> requestsPerSecond,
                         Map<String, List<Double>> errorsPerSecond, Map<String, List<Double>> backlogs) {
    }

    /** Counts over the charts' span. */
    public record Totals(double placed, Map<String, Double> ended, Map<String, Double> cancelledBy,
                         Map<String, Double> revenue, double stockOuts, double stockRejections, double paymentsDeclined,
                         double processorErrors, double refunds) {
    }

    public record ObjectiveView(String name, String description, String target, double errorBudget, String budgetWindow,
                                Double budgetErrorRatio, Double budgetRemaining, List<RateView> burnRates,
                                List<SloWatch.AlertStatus> alerts) {
    }

    public record RateView(String window, Double errorRatio, Double burnRate) {
    }

    public View view(Duration span) {
        Instant now = history.latest().map(Snapshot::at).orElse(Instant.now());
        Duration step = span.dividedBy(POINTS).compareTo(scrapeInterval) < 0 ? scrapeInterval : span.dividedBy(POINTS);
        String covered = history.earliest().map(first -> PromDuration.format(Duration.between(first.at(), now).withNanos(0)))
                .orElse("0s");
        List<SloWatch.AlertStatus> firing = slos.alerts().stream().filter(alert -> alert.state() == SloWatch.State.FIRING).toList();
        return new View(now, PromDuration.format(scrapeInterval), covered, slos.speedUp(), services(now), charts(now, span, step),
                totals(now, span), objectives(now), firing, slos.events(), orders.recent());
    }

    private List<ServiceView> services(Instant now) {
        Snapshot latest = history.latest().orElse(new Snapshot(now, Map.of()));
        Map<String, List<InstanceView>> instances = new TreeMap<>();
        scraper.instances().forEach(state -> instances.computeIfAbsent(state.target().service(), s -> new ArrayList<>())
                .add(new InstanceView(state.target().instance(), state.target().url() == null ? null : state.target().url().toString(),
                        state.up(), state.problem(), state.took().toMillis())));
        List<ServiceView> views = new ArrayList<>();
        instances.forEach((service, states) -> {
            Function<String, Double> increase = key -> history.increase(Measures.ofService(service, key), now, NOW_WINDOW)
                    .map(History.Increase::amount).orElse(0.0);
            Optional<History.Increase> requestRate = history.increase(Measures.ofService(service, "requests"), now, NOW_WINDOW);
            double requests = requestRate.map(History.Increase::amount).orElse(0.0);
            int up = (int) states.stream().filter(InstanceView::up).count();
            Function<String, Double> gauge = key -> up == 0 ? null : latest.value(Measures.ofService(service, key));
            Double heap = gauge.apply("heap-bytes");
            views.add(new ServiceView(service, states.size(), up, states,
                    requestRate.filter(rate -> !rate.over().isZero()).map(History.Increase::perSecond).orElse(null),
                    requests == 0 ? null : increase.apply("errors") / requests,
                    requests == 0 ? null : 1000 * increase.apply("request-seconds") / requests,
                    gauge.apply("outbox-backlog"), gauge.apply("dead-letters"), gauge.apply("consumer-lag"),
                    gauge.apply("open-breakers"), heap == null ? null : heap / (1024 * 1024)));
        });
        return views;
    }

    private Charts charts(Instant now, Duration span, Duration step) {
        List<Instant> times = new ArrayList<>();
        for (Instant t = now.minus(span).plus(step); !t.isAfter(now); t = t.plus(step)) {
            times.add(t);
        }
        Snapshot latest = history.latest().orElse(new Snapshot(now, Map.of()));
        Map<String, List<Double>> orders = new LinkedHashMap<>();
        orders.put("placed", series(times, step, "orders-placed", PER_MINUTE));
        ENDINGS.forEach(ending -> orders.put(ending, series(times, step, "orders-ended|" + ending, PER_MINUTE)));
        Map<String, List<Double>> revenue = new LinkedHashMap<>();
        groups(latest, "revenue").forEach(currency -> revenue.put(currency, series(times, step, "revenue|" + currency, PER_MINUTE)));
        Map<String, List<Double>> completion = new LinkedHashMap<>();
        Duration quantileWindow = step.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : step;
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            completion.put("p" + Math.round(q * 100), times.stream().map(t -> completionQuantile(q, t, quantileWindow)).toList());
        }
        Map<String, List<Double>> stock = new LinkedHashMap<>();
        stock.put("stock-outs", series(times, step, "stock-outs", PER_MINUTE));
        stock.put("rejected for stock", series(times, step, "stock-rejections", PER_MINUTE));
        stock.put("payments declined", series(times, step, "payments-declined", PER_MINUTE));
        Map<String, List<Double>> requests = new TreeMap<>();
        Map<String, List<Double>> errors = new TreeMap<>();
        Map<String, List<Double>> backlogs = new LinkedHashMap<>();
        List<String> services = scraper.instances().stream().map(state -> state.target().service()).distinct().sorted().toList();
        for (String service : services) {
            requests.put(service, series(times, step, Measures.ofService(service, "requests"), PER_SECOND));
            errors.put(service, series(times, step, Measures.ofService(service, "errors"), PER_SECOND));
        }
        backlogs.put("outbox backlog", gauge(times, services, "outbox-backlog"));
        backlogs.put("dead letters", gauge(times, services, "dead-letters"));
        backlogs.put("consumer lag", gauge(times, services, "consumer-lag"));
        return new Charts(PromDuration.format(span), PromDuration.format(step), times, orders, revenue, completion, stock,
                requests, errors, backlogs);
    }

    /**
     * A counter's rate at each time, times {@code scale}: per second times 60 is per minute. Over the step before each
     * time, or two scrapes when the step is shorter (one would often find the same scrape at both ends).
     */
    private List<Double> series(List<Instant> times, Duration step, String key, double scale) {
        Duration window = step.compareTo(scrapeInterval.multipliedBy(2)) < 0 ? scrapeInterval.multipliedBy(2) : step;
        return times.stream().map(t -> history.increase(key, t, window)
                .filter(increase -> !increase.over().isZero())
                .map(increase -> increase.perSecond() * scale).orElse(null)).toList();
    }

    /** A gauge summed over the services, as of each time. */
    private List<Double> gauge(List<Instant> times, List<String> services, String key) {
        return times.stream().map(t -> history.asOf(t)
                .map(snapshot -> services.stream().mapToDouble(service -> snapshot.value(Measures.ofService(service, key))).sum())
                .orElse(null)).toList();
    }

    /**
     * The q-quantile of the orders' time from placement to their end, over the window that ends at {@code end}, from
     * the completion histogram's buckets, as PromQL's {@code histogram_quantile} estimates it: linear within a bucket.
     */
    Double completionQuantile(double q, Instant end, Duration window) {
        Snapshot latest = history.latest().orElse(null);
        if (latest == null) {
            return null;
        }
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (String le : groups(latest, "completion-within")) {
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            history.increase("completion-within|" + le, end, window).ifPresent(increase -> cumulative.put(bound, increase.amount()));
        }
        return quantile(q, cumulative);
    }

    /** histogram_quantile over cumulative bucket counts by upper bound; null when the histogram counted nothing. */
    static Double quantile(double q, TreeMap<Double, Double> cumulative) {
        Double all = cumulative.get(Double.POSITIVE_INFINITY);
        if (all == null || all <= 0) {
            return null;
        }
        double rank = q * all;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    /** The values a split measure has been seen with: the currencies of {@code revenue|EUR}. */
    private static TreeSet<String> groups(Snapshot snapshot, String key) {
        TreeSet<String> groups = new TreeSet<>();
        snapshot.values().keySet().stream().filter(k -> k.startsWith(key + "|")).forEach(k -> groups.add(k.substring(key.length() + 1)));
        return groups;
    }

    private Totals totals(Instant now, Duration span) {
        Snapshot latest = history.latest().orElse(new Snapshot(now, Map.of()));
        Function<String, Double> increase = key -> history.increase(key, now, span).map(History.Increase::amount).orElse(0.0);
        Map<String, Double> ended = new LinkedHashMap<>();
        ENDINGS.forEach(ending -> ended.put(ending, increase.apply("orders-ended|" + ending)));
        Map<String, Double> cancelled = new TreeMap<>();
        groups(latest, "orders-cancelled").forEach(reason -> cancelled.put(reason, increase.apply("orders-cancelled|" + reason)));
        Map<String, Double> revenue = new TreeMap<>();
        groups(latest, "revenue").forEach(currency -> revenue.put(currency, increase.apply("revenue|" + currency)));
        return new Totals(increase.apply("orders-placed"), ended, cancelled, revenue, increase.apply("stock-outs"),
                increase.apply("stock-rejections"), increase.apply("payments-declined"), increase.apply("processor-errors"),
                increase.apply("refunds"));
    }

    private List<ObjectiveView> objectives(Instant now) {
        Duration covered = history.earliest().map(first -> Duration.between(first.at(), now)).orElse(Duration.ZERO);
        List<ObjectiveView> views = new ArrayList<>();
        for (Objective objective : slos.slos().objectives()) {
            Duration budgetWindow = covered.compareTo(slos.slos().period()) < 0 ? covered : slos.slos().period();
            double ratio = slos.errorRatio(objective, budgetWindow, now);
            double budget = objective.errorBudget().doubleValue();
            List<RateView> rates = slos.burnRates(objective, now).stream()
                    .map(rate -> new RateView(PromDuration.format(rate.window()), finite(rate.errorRatio()), finite(rate.burnRate())))
                    .toList();
            views.add(new ObjectiveView(objective.name(), objective.description(), objective.targetPercent(), budget,
                    PromDuration.format(budgetWindow.withNanos(0)) + " of " + PromDuration.format(slos.slos().period()),
                    finite(ratio), finite(1 - Math.max(0, ratio) / budget), rates,
                    slos.alerts().stream().filter(alert -> alert.objective().equals(objective.name())).toList()));
        }
        return views;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
