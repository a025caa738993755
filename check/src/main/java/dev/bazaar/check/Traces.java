package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runtime evidence for signs 1 and 5, from trace files: Zipkin's JSON v2 (an array of spans, or an array of traces as
 * {@code /api/v2/traces} answers) or OpenTelemetry's OTLP JSON ({@code resourceSpans}). A hop is where a span's parent
 * belongs to another service: <i>synchronous</i> when the callee is a SERVER span or the caller a CLIENT span,
 * <i>asynchronous</i> when the callee is a CONSUMER span or the caller a PRODUCER span (messaging).
 *
 * <p>A <b>request</b> is a SERVER span of a business service whose parent is missing or belongs to an edge component
 * (a gateway, a UI): what a caller from outside waits for. Its answer waits on every synchronous hop reached from it
 * without crossing an asynchronous one, since work behind a message is not waited for.
 */
public final class Traces {

    enum Kind { SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL }

    /** One span, whatever the format it was read from. */
    record Span(String traceId, String id, String parentId, String service, String name, Kind kind, boolean error) {
    }

    /** A hop between two services in one trace. */
    public record Hop(String traceId, String from, String to, boolean synchronous, boolean calleeFailed,
                      boolean callerFailed) {
    }

    /** A request's answer, and what it waited on: the services reached synchronously, the longest chain, the fan-out. */
    public record Request(String traceId, String service, String name, List<String> longestChain, Set<String> waitedOn,
                          int fanOut) {
    }

    /** Everything the traces showed. */
    public record Findings(int traces, int spans, List<String> files, List<Request> requests, List<Hop> hops,
                           List<String> unreadable) {

        public List<Request> waiting() {
            return requests.stream().filter(r -> !r.waitedOn().isEmpty()).toList();
        }

        /** Synchronous hops between business services where the callee failed and so did the caller. */
        public List<Hop> propagatedErrors(Set<String> edges) {
            return hops.stream().filter(h -> h.synchronous() && h.calleeFailed() && h.callerFailed()
                    && !edges.contains(h.from()) && !edges.contains(h.to())).toList();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Traces() {
    }

    /** Reads every {@code *.json} under {@code dir}; {@code edges} names the edge components (not business services). */
    public static Findings read(Path dir, Set<String> edges) {
        List<Span> spans = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : jsonFiles(dir)) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            try {
                int before = spans.size();
                collect(JSON.readTree(file.toFile()), spans);
                if (spans.size() > before) {
                    files.add(name);
                } else {
                    unreadable.add(name + ": no Zipkin v2 or OTLP spans");
                }
            } catch (JacksonException e) {
                unreadable.add(name + ": not JSON (" + e.getOriginalMessage() + ")");
            }
        }
        Map<String, List<Span>> byTrace = new TreeMap<>();
        spans.forEach(s -> byTrace.computeIfAbsent(s.traceId(), t -> new ArrayList<>()).add(s));
        List<Request> requests = new ArrayList<>();
        List<Hop> hops = new ArrayList<>();
        byTrace.values().forEach(trace -> analyse(trace, edges, requests, hops));
        return new Findings(byTrace.size(), spans.size(), files, requests, hops, unreadable);
    }

    private static void analyse(List<Span> trace, Set<String> edges, List<Request> requests, List<Hop> hops) {
        // Spans are keyed by id: B3 "shared" spans (a client and a server half under one id) are not supported; W3C
        // propagation, which Micrometer and OpenTelemetry use by default, never makes them.
        Map<String, Span> byId = new LinkedHashMap<>();
        Map<String, List<Span>> children = new HashMap<>();
        trace.forEach(s -> byId.putIfAbsent(s.id(), s));
        for (Span s : byId.values()) {
            String parent = parentOf(s, byId);
            if (parent != null) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(s);
            }
        }
        for (Span s : byId.values()) {
            Span parent = byId.get(parentOf(s, byId));
            if (parent != null && !parent.service().equals(s.service())) {
                hops.add(new Hop(s.traceId(), parent.service(), s.service(), synchronous(parent, s), s.error(),
                        failedInService(parent, byId)));
            }
            boolean fromOutside = parent == null || edges.contains(parent.service());
            if (s.kind() == Kind.SERVER && fromOutside && !edges.contains(s.service())) {
                List<String> chain = longestChain(s, byId, children, edges);
                Set<String> waited = new TreeSet<>();
                Set<String> direct = new TreeSet<>();
                reached(s, s.service(), byId, children, edges, waited, direct);
                requests.add(new Request(s.traceId(), s.service(), s.name(), chain, waited, direct.size()));
            }
        }
    }

    /** Whether the span, or one of its ancestors in the same service (up to the request it serves), failed. */
    private static boolean failedInService(Span span, Map<String, Span> byId) {
        for (Span s = span; s != null && s.service().equals(span.service()); s = byId.get(parentOf(s, byId))) {
            if (s.error()) {
                return true;
            }
        }
        return false;
    }

    /** The parent's id when the parent was received; a span whose parent is missing counts as a root. */
    private static String parentOf(Span s, Map<String, Span> byId) {
        return s.parentId() != null && byId.containsKey(s.parentId()) ? s.parentId() : null;
    }

    static boolean synchronous(Span caller, Span callee) {
        if (callee.kind() == Kind.CONSUMER || caller.kind() == Kind.PRODUCER) {
            return false;
        }
        return callee.kind() == Kind.SERVER || caller.kind() == Kind.CLIENT;
    }

    /** The spans a request's answer waits on: its own service's, and those across synchronous hops. */
    private static List<Span> waitedChildren(Span s, Map<String, Span> byId, Map<String, List<Span>> children) {
        return children.getOrDefault(s.id(), List.of()).stream()
                .filter(c -> c.service().equals(s.service()) || synchronous(s, c)).toList();
    }

    private static void reached(Span s, String origin, Map<String, Span> byId, Map<String, List<Span>> children,
                                Set<String> edges, Set<String> waited, Set<String> direct) {
        for (Span c : waitedChildren(s, byId, children)) {
            if (!c.service().equals(s.service()) && !edges.contains(c.service())) {
                waited.add(c.service());
                if (s.service().equals(origin)) {
                    direct.add(c.service());
                }
            }
            reached(c, origin, byId, children, edges, waited, direct);
        }
    }

    private static List<String> longestChain(Span s, Map<String, Span> byId, Map<String, List<Span>> children,
                                             Set<String> edges) {
        List<String> best = List.of();
        for (Span c : waitedChildren(s, byId, children)) {
            List<String> below = longestChain(c, byId, children, edges);
            if (below.size() > best.size()) {
                best = below;
            }
        }
        if (!best.isEmpty() && best.get(0).equals(s.service())) {
            return best;
        }
        List<String> chain = new ArrayList<>();
        chain.add(s.service());
        chain.addAll(best);
        return chain;
    }

    private static void collect(JsonNode node, List<Span> out) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isArray()) {
                    collect(item, out);
                } else if (item.has("traceId") && item.has("id")) {
                    out.add(zipkin(item));
                }
            }
        } else if (node.has("resourceSpans")) {
            for (JsonNode resource : node.path("resourceSpans")) {
                String service = "?";
                for (JsonNode attribute : resource.path("resource").path("attributes")) {
                    if ("service.name".equals(attribute.path("key").asString(""))) {
                        service = attribute.path("value").path("stringValue").asString("?");
                    }
                }
                for (JsonNode scope : resource.path("scopeSpans")) {
                    for (JsonNode span : scope.path("spans")) {
                        out.add(otlp(span, service));
                    }
                }
            }
        }
    }

    private static Span zipkin(JsonNode span) {
        JsonNode tags = span.path("tags");
        String status = tags.path("http.status_code").asString(tags.path("status").asString(""));
        boolean error = tags.has("error") || status.startsWith("5");
        return new Span(span.path("traceId").asString(), span.path("id").asString(),
                span.path("parentId").asString(null), span.path("localEndpoint").path("serviceName").asString("?"),
                span.path("name").asString(""), kind(span.path("kind").asString("")), error);
    }

    private static Span otlp(JsonNode span, String service) {
        JsonNode kind = span.path("kind");
        // OTLP JSON writes the kind as a number (1 internal ... 5 consumer) or as its enum name.
        String k = kind.isNumber() ? switch (kind.asInt()) {
            case 2 -> "SERVER";
            case 3 -> "CLIENT";
            case 4 -> "PRODUCER";
            case 5 -> "CONSUMER";
            default -> "INTERNAL";
        } : kind.asString("").replace("SPAN_KIND_", "");
        JsonNode code = span.path("status").path("code");
        boolean error = code.isNumber() ? code.asInt() == 2 : code.asString("").endsWith("ERROR");
        return new Span(span.path("traceId").asString(), span.path("spanId").asString(),
                span.path("parentSpanId").asString(null), service, span.path("name").asString(""), kind(k), error);
    }

    private static Kind kind(String name) {
        try {
            return name.isEmpty() ? Kind.INTERNAL : Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Kind.INTERNAL;
        }
    }

    private static List<Path> jsonFiles(Path dir) {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new Unreadable("cannot list " + dir, e);
        }
    }

    /** The services the traces show, and the hops between them: synchronous or not, and how many traces had each. */
    static Map<String, Integer> hopCounts(Findings findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        findings.hops().stream().sorted(Comparator.comparing(Hop::from).thenComparing(Hop::to))
                .forEach(h -> counts.merge(h.from() + (h.synchronous() ? " -> " : " ~> ") + h.to(), 1, Integer::sum));
        return counts;
    }
}
