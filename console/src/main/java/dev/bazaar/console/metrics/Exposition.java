package dev.bazaar.console.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads Prometheus' text exposition format (version 0.0.4, what {@code /actuator/prometheus} answers to
 * {@code Accept: text/plain}): one sample per line, {@code name{label="value",...} value [timestamp]}; comments and
 * blank lines are skipped. Only the metrics a caller wants are taken apart, so a scrape of a few thousand lines costs
 * little more than reading them.
 */
public final class Exposition {

    private Exposition() {
    }

    /** One series' value at the scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * The samples of the metrics {@code wanted} accepts, by name.
     *
     * @throws IllegalArgumentException on a line that is not a sample, naming the line
     */
    public static List<Sample> parse(String text, Predicate<String> wanted) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            String name = line.substring(0, nameEnd);
            if (!wanted.test(name)) {
                continue;
            }
            try {
                samples.add(sample(line, name, nameEnd));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a sample: " + line, e);
            }
        }
        return samples;
    }

    private static Sample sample(String line, String name, int at) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String label = line.substring(at, equals).strip();
                StringBuilder value = new StringBuilder();
                int i = equals + 2; // past ="
                for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++i);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String rest = line.substring(at).strip();
        int space = rest.indexOf(' ');
        return new Sample(name, labels, number(space < 0 ? rest : rest.substring(0, space)));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
