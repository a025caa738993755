package dev.bazaar.platform.slo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The platform's service-level objectives, slos.yaml: the budget period, the alerting policy and every objective with
 * its SLI. Checked on reading, so that a typo or an objective that could never be met, measured or alerted on is
 * refused with a message naming the objective and the field.
 */
public final class Slos {

    /** The file name, at the repository root and at the root of the class path. */
    public static final String FILE = "slos.yaml";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SEVERITY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Duration period;
    private final List<AlertPolicy> alerting;
    private final List<Objective> objectives;

    private Slos(Duration period, List<AlertPolicy> alerting, List<Objective> objectives) {
        this.period = period;
        this.alerting = List.copyOf(alerting);
        this.objectives = List.copyOf(objectives);
    }

    /** Reads and checks an objectives file. */
    public static Slos load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new SloException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The slos.yaml built into the class path (the platform-slo jar carries the repository's). */
    public static Slos bundled() {
        try (InputStream in = Slos.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new SloException(FILE + " is not on the class path");
            }
            return read(in, "classpath:" + FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** slos.yaml at the repository root at or above {@code start}. */
    public static Slos ofRepository(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return load(dir.resolve(FILE));
            }
        }
        throw new SloException("No " + FILE + " at or above " + start.toAbsolutePath());
    }

    static Slos read(InputStream in, String source) {
        Declaration declaration;
        try {
            declaration = YAML.readValue(in, Declaration.class);
        } catch (JacksonException e) {
            throw new SloException(source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (declaration == null) {
            throw new SloException(source + " is empty");
        }
        return declaration.check(source);
    }

    /** The period over which each objective's target holds, and its error budget is spent: 28 days, say. */
    public Duration period() {
        return period;
    }

    /** The alerting policy, one entry per severity, in the order of the file. */
    public List<AlertPolicy> alerting() {
        return alerting;
    }

    /** Every objective, in the order of the file. */
    public List<Objective> objectives() {
        return objectives;
    }

    public Optional<Objective> find(String name) {
        return objectives.stream().filter(objective -> objective.name().equals(name)).findFirst();
    }

    /** Every window an alert reads, short and long, shortest first: each objective's error ratio is kept over these. */
    public List<Duration> alertWindows() {
        TreeSet<Duration> windows = new TreeSet<>();
        alerting.forEach(policy -> policy.windows().forEach(window -> {
            windows.add(window.shortWindow());
            windows.add(window.longWindow());
        }));
        return List.copyOf(windows);
    }

    /** The file as written; checked and turned into the model by {@link #check}. */
    record Declaration(String period, LinkedHashMap<String, DeclaredPolicy> alerting, List<DeclaredObjective> objectives) {

        Slos check(String source) {
            Duration budgetPeriod = duration(period, source + ": period");
            if (budgetPeriod == null || budgetPeriod.isZero()) {
                throw new SloException(source + ": period is missing: the budget period, such as 28d");
            }
            if (alerting == null || alerting.isEmpty()) {
                throw new SloException(source + ": alerting is missing: at least one severity (page, ticket) and its burn-rate windows");
            }
            List<AlertPolicy> policies = new ArrayList<>();
            alerting.forEach((severity, declared) -> policies.add(declared.check(severity, budgetPeriod, source)));
            if (objectives == null || objectives.isEmpty()) {
                throw new SloException(source + " declares no objectives");
            }
            Duration shortest = policies.stream().flatMap(policy -> policy.windows().stream())
                    .map(BurnRateWindow::shortWindow).min(Duration::compareTo).orElseThrow();
            Map<String, String> names = new HashMap<>();
            List<Objective> checked = new ArrayList<>();
            for (int i = 0; i < objectives.size(); i++) {
                DeclaredObjective declared = objectives.get(i);
                if (declared == null) {
                    throw new SloException(source + ": objective " + (i + 1) + " is empty");
                }
                Objective objective = declared.check(i, shortest, source);
                String other = names.put(objective.ruleName(), objective.name());
                if (other != null) {
                    throw new SloException(source + ": objective " + objective.name() + " is declared twice"
                            + (other.equals(objective.name()) ? "" : " (as " + other + ": the rules would share its name)"));
                }
                for (AlertPolicy policy : policies) {
                    for (BurnRateWindow window : policy.windows()) {
                        if (window.threshold(objective).compareTo(BigDecimal.ONE) >= 0) {
                            throw new SloException(source + ": objective " + objective.name() + ", target: "
                                    + objective.targetPercent() + " leaves an error budget of "
                                    + objective.errorBudget().movePointRight(2).stripTrailingZeros().toPlainString()
                                    + "%, which a burn rate of " + window.burnRate().toPlainString()
                                    + " cannot exceed (the error ratio would have to be above 100%): its " + policy.severity()
                                    + " alert could never fire. Raise the target, or lower the burn rate.");
                        }
                    }
                }
                checked.add(objective);
            }
            return new Slos(budgetPeriod, policies, checked);
        }
    }

    record DeclaredPolicy(@JsonProperty("for") String pending, List<DeclaredWindow> windows) {

        AlertPolicy check(String severity, Duration period, String source) {
            String where = source + ": alerting." + severity;
            if (!SEVERITY.matcher(severity).matches()) {
                throw new SloException(where + ": a severity is a lower-case name such as page or ticket");
            }
            Duration forDuration = duration(pending, where + ".for");
            if (windows == null || windows.isEmpty()) {
                throw new SloException(where + ".windows is missing: at least one {long, short, burn-rate}");
            }
            List<BurnRateWindow> checked = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                DeclaredWindow window = windows.get(i);
                String at = where + ".windows[" + i + "]";
                if (window == null) {
                    throw new SloException(at + " is empty");
                }
                Duration longWindow = duration(window.longWindow(), at + ".long");
                Duration shortWindow = duration(window.shortWindow(), at + ".short");
                if (longWindow == null || shortWindow == null || window.burnRate() == null) {
                    throw new SloException(at + ": long, short and burn-rate are all needed");
                }
                if (shortWindow.isZero() || shortWindow.compareTo(longWindow) >= 0) {
                    throw new SloException(at + ": the short window (" + window.shortWindow() + ") must be shorter than the long one ("
                            + window.longWindow() + ")");
                }
                if (longWindow.compareTo(period) > 0) {
                    throw new SloException(at + ": the long window (" + window.longWindow() + ") is longer than the period ("
                            + PromDuration.format(period) + ")");
                }
                if (window.burnRate().signum() <= 0) {
                    throw new SloException(at + ".burn-rate must be above 0, was " + window.burnRate().toPlainString());
                }
                checked.add(new BurnRateWindow(longWindow, shortWindow, window.burnRate()));
            }
            return new AlertPolicy(severity, forDuration == null ? Duration.ZERO : forDuration, checked);
        }
    }

    record DeclaredWindow(@JsonProperty("long") String longWindow, @JsonProperty("short") String shortWindow, BigDecimal burnRate) {
    }

    record DeclaredObjective(String name, String description, String target, DeclaredSli sli) {

        Objective check(int index, Duration shortestWindow, String source) {
            if (name == null || name.isBlank()) {
                throw new SloException(source + ": objective " + (index + 1) + ": name is missing");
            }
            String where = source + ": objective " + name;
            if (!NAME.matcher(name).matches()) {
                throw new SloException(where + ": a name is lower-case words joined by hyphens, such as checkout-available");
            }
            if (description == null || description.isBlank()) {
                throw new SloException(where + ": description is missing: what it promises, in one sentence");
            }
            BigDecimal share = target(target, where + ", target");
            if (sli == null) {
                throw new SloException(where + ": sli is missing: good (or bad) and total");
            }
            return new Objective(name, description.strip(), share, sli.check(where, shortestWindow));
        }

        private static BigDecimal target(String text, String where) {
            if (text == null || text.isBlank()) {
                throw new SloException(where + " is missing: a share of good events, such as 99.5%");
            }
            BigDecimal share;
            var percent = PERCENT.matcher(text.strip());
            try {
                share = percent.matches() ? new BigDecimal(percent.group(1)).movePointLeft(2) : new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new SloException(where + ": '" + text + "' is not a share such as 99.5% or 0.995");
            }
            if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) >= 0) {
                throw new SloException(where + ": " + text + " is not a share between 0 and 100% exclusive"
                        + (share.compareTo(BigDecimal.ONE) > 0 && !percent.matches() ? " (a percentage needs its %: " + text + "%)" : "")
                        + (share.compareTo(BigDecimal.ONE) == 0 ? " (100% leaves no error budget to alert on)" : ""));
            }
            return share.stripTrailingZeros();
        }
    }

    record DeclaredSli(String good, String bad, String total, String totalOffset) {

        Sli check(String where, Duration shortestWindow) {
            if ((good == null) == (bad == null)) {
                throw new SloException(where + ", sli: give either good or bad (the events counted against total), not "
                        + (good == null ? "neither" : "both"));
            }
            Sli.Counting counting = good != null ? Sli.Counting.GOOD : Sli.Counting.BAD;
            String countedField = good != null ? "good" : "bad";
            Selector counted = selector(good != null ? good : bad, where + ", sli." + countedField);
            if (total == null) {
                throw new SloException(where + ", sli.total is missing: the selector of all events");
            }
            Selector all = selector(total, where + ", sli.total");
            Duration offset = duration(totalOffset, where + ", sli.total-offset");
            if (offset != null && offset.compareTo(shortestWindow) >= 0) {
                throw new SloException(where + ", sli.total-offset: " + totalOffset + " is not shorter than the shortest alert window ("
                        + PromDuration.format(shortestWindow) + "): that window would compare events that have nothing to do with each other");
            }
            return new Sli(counting, counted, all, offset);
        }

        private static Selector selector(String text, String where) {
            Selector selector;
            try {
                selector = Selector.parse(text);
            } catch (IllegalArgumentException e) {
                throw new SloException(where + ": " + e.getMessage());
            }
            String metric = selector.metric();
            if (!(metric.endsWith("_total") || metric.endsWith("_count") || metric.endsWith("_bucket"))) {
                throw new SloException(where + ": " + metric + " is not a counter (a name ending in _total, _count or _bucket):"
                        + " an SLI is a rate of events");
            }
            if (metric.endsWith("_bucket")) {
                List<Selector.LabelMatcher> le = selector.matchersOf("le");
                if (le.size() != 1 || le.get(0).op() != Selector.Op.EQ) {
                    throw new SloException(where + ": a histogram bucket needs exactly one le=\"...\" (the events at or under that bound);"
                            + " summing every bucket counts each event many times");
                }
                String bound = le.get(0).value();
                if (!bound.equals("+Inf") && !bound.equals(micrometerBound(bound))) {
                    throw new SloException(where + ": le=\"" + bound + "\" matches no series: Micrometer writes bucket bounds in seconds as"
                            + " Java doubles, le=\"" + micrometerBound(bound) + "\"");
                }
            }
            return selector;
        }

        private static String micrometerBound(String bound) {
            try {
                return Double.toString(Double.parseDouble(bound));
            } catch (NumberFormatException e) {
                return "a number such as 30.0";
            }
        }
    }

    private static Duration duration(String text, String where) {
        if (text == null) {
            return null;
        }
        try {
            return PromDuration.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SloException(where + ": " + e.getMessage());
        }
    }
}
