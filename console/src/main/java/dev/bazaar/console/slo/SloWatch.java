package dev.bazaar.console.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.bazaar.console.metrics.History;
import dev.bazaar.console.metrics.Measures;
import dev.bazaar.console.metrics.Snapshot;
import dev.bazaar.platform.slo.AlertPolicy;
import dev.bazaar.platform.slo.BurnRateWindow;
import dev.bazaar.platform.slo.Objective;
import dev.bazaar.platform.slo.Slos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * slos.yaml evaluated live, from the console's history, exactly as the generated Prometheus rules evaluate it: the
 * error ratio of a window is the growth of the counted events over it against the growth of all events over the same
 * window {@code total-offset} earlier; an alert's condition holds when, for any of its windows, both the long and the
 * short window's error ratios exceed burn rate × error budget; it fires once its condition has held for its {@code for},
 * and resolves as soon as it no longer holds. Evaluated after every scrape.
 */
public final class SloWatch implements Consumer<Snapshot> {

    private static final Logger log = LoggerFactory.getLogger(SloWatch.class);
    private static final int EVENTS_KEPT = 50;

    private final Slos slos;
    private final History history;
    private final int speedUp;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Deque<AlertEvent> events = new ArrayDeque<>();

    public SloWatch(Slos slos, History history, int speedUp) {
        if (speedUp < 1) {
            throw new IllegalArgumentException("console.alerting-speed-up must be 1 or more, not " + speedUp);
        }
        this.slos = slos;
        this.history = history;
        this.speedUp = speedUp;
        for (Objective objective : slos.objectives()) {
            for (AlertPolicy policy : slos.alerting()) {
                alerts.put(objective.alertName() + "/" + policy.severity(), new Alert(objective, policy));
            }
        }
    }

    /** An alert's state, as Prometheus calls them. */
    public enum State { INACTIVE, PENDING, FIRING }

    /** One alert: an objective at one severity. */
    private static final class Alert {
        private final Objective objective;
        private final AlertPolicy policy;
        private State state = State.INACTIVE;
        private Instant since;

        Alert(Objective objective, AlertPolicy policy) {
            this.objective = objective;
            this.policy = policy;
        }

        String severity() {
            return policy.severity();
        }
    }

    /**
     * An alert that fired, and when it resolved (null while it still fires).
     */
    public record AlertEvent(String alert, String objective, String severity, Instant fired, Instant resolved) {
    }

    /** One window's error ratio and burn rate (NaN when nothing was counted in it). */
    public record WindowRate(Duration window, double errorRatio, double burnRate) {
    }

    @Override
    public synchronized void accept(Snapshot snapshot) {
        Instant now = snapshot.at();
        for (Alert alert : alerts.values()) {
            boolean holds = alert.policy.windows().stream().anyMatch(window -> holds(alert.objective, window, now));
            if (holds && alert.state == State.INACTIVE) {
                alert.state = State.PENDING;
                alert.since = now;
            }
            if (holds && alert.state == State.PENDING && !now.isBefore(alert.since.plus(scaled(alert.policy.pending())))) {
                alert.state = State.FIRING;
                alert.since = now;
                events.addFirst(new AlertEvent(alert.objective.alertName(), alert.objective.name(), alert.severity(), now, null));
                while (events.size() > EVENTS_KEPT) {
                    events.removeLast();
                }
                log.warn("Alert {} ({}) fires: {} burns its error budget too fast", alert.objective.alertName(),
                        alert.severity(), alert.objective.name());
            }
            if (!holds && alert.state != State.INACTIVE) {
                if (alert.state == State.FIRING) {
                    resolve(alert, now);
                }
                alert.state = State.INACTIVE;
                alert.since = null;
            }
        }
    }

    private void resolve(Alert alert, Instant now) {
        List<AlertEvent> kept = new ArrayList<>(events);
        for (int i = 0; i < kept.size(); i++) {
            AlertEvent event = kept.get(i);
            if (event.resolved() == null && event.alert().equals(alert.objective.alertName()) && event.severity().equals(alert.severity())) {
                kept.set(i, new AlertEvent(event.alert(), event.objective(), event.severity(), event.fired(), now));
                break;
            }
        }
        events.clear();
        events.addAll(kept);
        log.info("Alert {} ({}) resolved", alert.objective.alertName(), alert.severity());
    }

    private boolean holds(Objective objective, BurnRateWindow window, Instant now) {
        double threshold = window.threshold(objective).doubleValue();
        return errorRatio(objective, scaled(window.longWindow()), now) > threshold
                && errorRatio(objective, scaled(window.shortWindow()), now) > threshold;
    }

    /**
     * The error ratio over the window that ends at {@code end}; NaN when nothing was counted in it. A window that reaches
     * before the history is shortened to what the history holds, the same for the counted events and for the total read
     * {@code total-offset} earlier: compared over different spans, their ratio would mean nothing.
     */
    public double errorRatio(Objective objective, Duration window, Instant end) {
        Instant totalEnd = end.minus(objective.sli().totalOffset());
        Optional<Instant> first = history.earliest().map(Snapshot::at);
        if (first.isEmpty() || !totalEnd.isAfter(first.get())) {
            return Double.NaN;
        }
        Duration held = Duration.between(first.get(), totalEnd);
        Duration measured = window.compareTo(held) > 0 ? held : window;
        Optional<History.Increase> counted = history.increase(Measures.countedKey(objective), end, measured);
        Optional<History.Increase> total = history.increase(Measures.totalKey(objective), totalEnd, measured);
        if (counted.isEmpty() || total.isEmpty() || total.get().amount() <= 0) {
            return Double.NaN;
        }
        return objective.sli().errorRatio(counted.get().amount(), total.get().amount());
    }

    /** An alert window or {@code for} as this console runs it: divided by {@code console.alerting-speed-up}. */
    public Duration scaled(Duration duration) {
        return duration.dividedBy(speedUp);
    }

    /** Every distinct window the alerts of an objective look at, shortest first, with its rates now. */
    public List<WindowRate> burnRates(Objective objective, Instant now) {
        Set<Duration> windows = new LinkedHashSet<>();
        slos.alerting().stream().flatMap(policy -> policy.windows().stream())
                .flatMap(window -> java.util.stream.Stream.of(window.shortWindow(), window.longWindow()))
                .map(this::scaled).sorted().forEach(windows::add);
        double budget = objective.errorBudget().doubleValue();
        return windows.stream().map(window -> {
            double ratio = errorRatio(objective, window, now);
            return new WindowRate(window, ratio, ratio / budget);
        }).toList();
    }

    /** Every alert as it stands, in the order of slos.yaml. */
    public synchronized List<AlertStatus> alerts() {
        return alerts.values().stream().map(alert -> new AlertStatus(alert.objective.alertName(), alert.objective.name(),
                alert.severity(), alert.state, alert.since)).toList();
    }

    /** An alert as it stands: {@code since} is when it started pending or firing (null while inactive). */
    public record AlertStatus(String alert, String objective, String severity, State state, Instant since) {
    }

    /** The alerts that fired, newest first, resolved or not (the last 50). */
    public synchronized List<AlertEvent> events() {
        return List.copyOf(events);
    }

    public Slos slos() {
        return slos;
    }

    public int speedUp() {
        return speedUp;
    }
}
