package dev.bazaar.platform.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One metric and the label matchers that pick its series, as PromQL writes an instant selector:
 * {@code http_server_requests_seconds_count{uri=~"/api/catalog/.*", method="GET"}}. Structured rather than free
 * PromQL so that the same declaration renders into Prometheus rules ({@link #promql()}) and picks scraped samples in
 * memory ({@link #matches}), for an evaluator that runs without Prometheus.
 *
 * @param metric   the series' name, as Prometheus shows it ({@code bazaar_orders_placed_total})
 * @param matchers the label matchers, all of which a series must satisfy, in the order written
 */
public record Selector(String metric, List<LabelMatcher> matchers) {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Selector {
        Objects.requireNonNull(metric, "metric");
        if (!METRIC.matcher(metric).matches()) {
            throw new IllegalArgumentException("'" + metric + "' is not a metric name");
        }
        matchers = List.copyOf(matchers);
    }

    /** The matcher operators of PromQL. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isRegex() {
            return this == RE || this == NRE;
        }
    }

    /**
     * One label matcher. As in Prometheus, a regular expression must match the whole value, and a label a series does
     * not have reads as the empty string ({@code env=""} matches a series without {@code env}). Regular expressions are
     * Java's here and RE2 in Prometheus: keep to what both read alike (alternation, classes, {@code .*}).
     */
    public record LabelMatcher(String label, Op op, String value) {

        /** Compiled once per expression: an evaluator matches every scraped series against them. */
        private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

        public LabelMatcher {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            if (label == null || !LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + label + "' is not a label name");
            }
            if (op.isRegex()) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("the regular expression of " + label + " does not compile: " + e.getDescription());
                }
            }
        }

        public boolean matches(String actual) {
            String seen = actual == null ? "" : actual;
            return switch (op) {
                case EQ -> seen.equals(value);
                case NE -> !seen.equals(value);
                case RE -> pattern().matcher(seen).matches();
                case NRE -> !pattern().matcher(seen).matches();
            };
        }

        private Pattern pattern() {
            return PATTERNS.computeIfAbsent(value, Pattern::compile);
        }

        public String promql() {
            return label + op.symbol() + quote(value);
        }
    }

    /** Reads a selector as PromQL writes it: {@code name}, or {@code name{label="v", other=~"a|b", ...}}. */
    public static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a selector is missing");
        }
        return new Parser(text.strip()).selector();
    }

    /** The selector in PromQL, labels in the order written: {@code name{a="1",b=~"x.*"}}. */
    public String promql() {
        return matchers.isEmpty() ? metric
                : metric + matchers.stream().map(LabelMatcher::promql).collect(Collectors.joining(",", "{", "}"));
    }

    /** Whether a series of this name with these labels is one the selector picks. */
    public boolean matches(String name, Map<String, String> labels) {
        if (!metric.equals(name)) {
            return false;
        }
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels.get(matcher.label()))) {
                return false;
            }
        }
        return true;
    }

    /** The matchers on one label (a selector may constrain a label twice, {@code a!="x", a!="y"}). */
    public List<LabelMatcher> matchersOf(String label) {
        return matchers.stream().filter(matcher -> matcher.label().equals(label)).toList();
    }

    /** The same selector with one more matcher. */
    public Selector and(LabelMatcher matcher) {
        List<LabelMatcher> more = new ArrayList<>(matchers);
        more.add(matcher);
        return new Selector(metric, more);
    }

    @Override
    public String toString() {
        return promql();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** A small recursive-descent reader of one instant selector. */
    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Selector selector() {
            String metric = name(METRIC, "a metric name");
            List<LabelMatcher> matchers = new ArrayList<>();
            skipSpace();
            if (at < text.length() && text.charAt(at) == '{') {
                at++;
                skipSpace();
                while (peek() != '}') {
                    matchers.add(matcher());
                    skipSpace();
                    if (peek() == ',') {
                        at++;
                        skipSpace();
                    } else if (peek() != '}') {
                        throw error("expected ',' or '}'");
                    }
                }
                at++;
                skipSpace();
            }
            if (at != text.length()) {
                throw error("unexpected '" + text.substring(at) + "' (a selector is a metric name and label matchers, not an expression)");
            }
            return new Selector(metric, matchers);
        }

        private LabelMatcher matcher() {
            String label = name(LABEL, "a label name");
            skipSpace();
            Op op;
            if (text.startsWith("=~", at)) {
                op = Op.RE;
            } else if (text.startsWith("!=", at)) {
                op = Op.NE;
            } else if (text.startsWith("!~", at)) {
                op = Op.NRE;
            } else if (text.startsWith("=", at)) {
                op = Op.EQ;
            } else {
                throw error("expected =, !=, =~ or !~ after " + label);
            }
            at += op.symbol().length();
            skipSpace();
            return new LabelMatcher(label, op, string());
        }

        private String string() {
            char quote = peek();
            if (quote != '"' && quote != '\'') {
                throw error("expected a quoted value");
            }
            at++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("the value is not closed with " + quote);
                }
                char c = text.charAt(at++);
                if (c == quote) {
                    return value.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        throw error("the value ends in a lone backslash");
                    }
                    char escaped = text.charAt(at++);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    value.append(c);
                }
            }
        }

        private String name(Pattern pattern, String what) {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == ':')) {
                at++;
            }
            String name = text.substring(start, at);
            if (!pattern.matcher(name).matches()) {
                at = start;
                throw error("expected " + what);
            }
            return name;
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("the selector ends early");
            }
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(problem + " at position " + (at + 1) + " of '" + text + "'");
        }
    }
}
