package dev.bazaar.launcher;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * One trace from Zipkin (its JSON v2 spans) as a tree a terminal can show: each span with its service, name, offset
 * from the trace's start, duration, the event type and outcome tags, and errors. A span whose parent was not received
 * (dropped, or sampled out) is shown at the root.
 */
public record TraceTree(String traceId, List<Node> roots, long startMicros, long endMicros, URI link) {

    /** A span and the spans it caused, in the order they started. */
    public record Node(String id, String service, String name, String kind, long timestampMicros, long durationMicros,
                Map<String, String> tags, List<Node> children) {

        public boolean failed() {
            return tags.containsKey("error");
        }
    }

    static TraceTree of(JsonNode spans, URI zipkin) {
        Map<String, Node> nodes = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        String traceId = null;
        for (JsonNode span : spans) {
            traceId = span.path("traceId").asString();
            Map<String, String> tags = new java.util.TreeMap<>();
            span.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
            Node node = new Node(span.path("id").asString(), span.path("localEndpoint").path("serviceName").asString("?"),
                    span.path("name").asString(""), span.path("kind").asString(""), span.path("timestamp").asLong(),
                    span.path("duration").asLong(), tags, new ArrayList<>());
            // Zipkin may hold a span twice (client and server halves reported apart); the first wins.
            if (nodes.putIfAbsent(node.id(), node) == null && span.hasNonNull("parentId")) {
                parents.put(node.id(), span.path("parentId").asString());
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node node : nodes.values()) {
            Node parent = nodes.get(parents.get(node.id()));
            (parent == null ? roots : parent.children()).add(node);
        }
        Comparator<Node> byStart = Comparator.comparingLong(Node::timestampMicros).thenComparing(Node::service);
        nodes.values().forEach(node -> node.children().sort(byStart));
        roots.sort(byStart);
        long start = nodes.values().stream().mapToLong(Node::timestampMicros).min().orElse(0);
        long end = nodes.values().stream().mapToLong(node -> node.timestampMicros() + node.durationMicros()).max().orElse(0);
        return new TraceTree(traceId, roots, start, end, zipkin.resolve("/zipkin/traces/" + traceId));
    }

    /** Every span, depth first, parents before children: the causal order of the journey. */
    public List<Node> spans() {
        List<Node> all = new ArrayList<>();
        roots.forEach(root -> collect(root, all));
        return all;
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        node.children().forEach(child -> collect(child, into));
    }

    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>();
        spans().forEach(span -> services.add(span.service()));
        return services;
    }

    /** The tree as lines: {@code +0.290s  279ms  ordering  http post /api/orders}, indented by depth. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        List<Node> all = spans();
        lines.add("Trace " + traceId + ": " + all.size() + " spans in " + services().size() + " services, "
                + millis(endMicros - startMicros) + " from first to last");
        lines.add(link.toString());
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%9s %9s  %s", "START", "TOOK", "SERVICE / SPAN"));
        roots.forEach(root -> render(root, "", true, true, lines));
        long errors = all.stream().filter(Node::failed).count();
        if (errors > 0) {
            lines.add("");
            lines.add(errors + " span(s) failed (marked ERROR)");
        }
        return lines;
    }

    private void render(Node node, String indent, boolean last, boolean root, List<String> lines) {
        String branch = root ? "" : indent + (last ? "└─ " : "├─ ");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%9s %9s  %s%-11s %s", "+" + millis(node.timestampMicros() - startMicros),
                millis(node.durationMicros()), branch, node.service(), node.name()));
        if (node.kind().equals("CLIENT")) {
            line.append(" (call)");
        }
        String type = node.tags().get("bazaar.event.type");
        String outcome = node.tags().get("bazaar.outcome");
        if (type != null && !node.name().toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT))) {
            line.append("  ").append(type);
        }
        if (outcome != null) {
            line.append("  → ").append(outcome);
        }
        if (node.tags().containsKey("http.status_code") || node.tags().containsKey("status")) {
            line.append("  ").append(node.tags().getOrDefault("http.status_code", node.tags().get("status")));
        }
        if (node.failed()) {
            line.append("  ERROR ").append(node.tags().get("error"));
        }
        lines.add(line.toString());
        String childIndent = root ? "" : indent + (last ? "   " : "│  ");
        for (int i = 0; i < node.children().size(); i++) {
            render(node.children().get(i), childIndent, i == node.children().size() - 1, false, lines);
        }
    }

    private static String millis(long micros) {
        return micros >= 10_000_000 ? String.format(Locale.ROOT, "%.1fs", micros / 1e6)
                : micros >= 1_000 ? String.format(Locale.ROOT, "%dms", Math.round(micros / 1e3))
                : String.format(Locale.ROOT, "%.1fms", micros / 1e3);
    }
}
