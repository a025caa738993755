package dev.bazaar.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches the structured logs of every process (ECS JSON, one object a line: {@code logs/<instance>.json}) for the lines
 * of one trace or one order, and merges them in time order. An order's lines are those that name it ({@code orderId})
 * and every other line of the traces they belong to.
 */
public final class LogSearch {

    /** One line of a structured log. */
    public record Line(String timestamp, String instance, String level, String traceId, String spanId, String orderId,
                String message, String error) {

        /** As a person reads it: {@code 18:15:26.384 ordering  INFO  [6b0c6bbd/86e854c7] Order ... placed}. */
        public String render() {
            String time = timestamp.length() >= 23 ? timestamp.substring(11, 23) : timestamp;
            String trace = traceId == null ? "" : " [" + shorten(traceId) + "/" + shorten(spanId) + "]";
            return String.format(java.util.Locale.ROOT, "%s %-12s %-5s%s %s%s", time, instance, level, trace, message,
                    error == null ? "" : "\n    " + error.replace("\n", "\n    "));
        }

        private static String shorten(String id) {
            return id == null ? "-" : id.substring(0, Math.min(8, id.length()));
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Path> logs;

    private LogSearch(Map<String, Path> logs) {
        this.logs = logs;
    }

    /** Every process's structured log under a platform's home: {@code logs/<instance>.json}. */
    public static LogSearch in(Path home) {
        Map<String, Path> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted()
                    .forEach(file -> logs.put(file.getFileName().toString().replaceFirst("\\.json$", ""), file));
        } catch (IOException e) {
            // No logs yet: nothing has run under this home.
        }
        return new LogSearch(logs);
    }

    /** The lines of a trace, in time order. */
    public List<Line> ofTrace(String traceId) {
        return matching(line -> traceId.equals(line.traceId()));
    }

    /** The lines that name an order, and every other line of the traces they are in, in time order. */
    public List<Line> ofOrder(String orderId) {
        List<Line> all = matching(line -> true);
        Set<String> traces = new HashSet<>();
        all.stream().filter(line -> orderId.equals(line.orderId()) && line.traceId() != null).forEach(line -> traces.add(line.traceId()));
        return all.stream().filter(line -> orderId.equals(line.orderId()) || traces.contains(line.traceId())).toList();
    }

    private List<Line> matching(Predicate<Line> wanted) {
        List<Line> found = new ArrayList<>();
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            if (!Files.isRegularFile(log.getValue())) {
                continue;
            }
            try (BufferedReader reader = Files.newBufferedReader(log.getValue(), StandardCharsets.UTF_8)) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    Line line = parse(log.getKey(), text);
                    if (line != null && wanted.test(line)) {
                        found.add(line);
                    }
                }
            } catch (IOException e) {
                throw new LauncherException("Could not read " + log.getValue() + ": " + e.getMessage(), e);
            }
        }
        // ISO-8601 instants in UTC sort as text; a stable sort keeps each process's own order for equal times.
        found.sort(Comparator.comparing(Line::timestamp));
        return found;
    }

    private Line parse(String instance, String text) {
        if (text.isBlank() || text.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            JsonNode error = node.path("error");
            return new Line(node.path("@timestamp").asString(""), instance, node.path("log").path("level").asString(""),
                    text(node, "traceId"), text(node, "spanId"), text(node, "orderId"), node.path("message").asString(""), error.isMissingNode() ? null
                            : error.path("type").asString("") + ": " + error.path("message").asString(""));
        } catch (JacksonException e) {
            return null; // a line cut short by a crash: not one to show
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
