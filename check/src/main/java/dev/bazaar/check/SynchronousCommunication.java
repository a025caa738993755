package dev.bazaar.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.bazaar.check.RemoteCalls.EntryPoint;
import dev.bazaar.check.RemoteCalls.Site;

/** Sign 1, from code: business services whose answers wait on other services (rules in {@link Rules}). */
public final class SynchronousCommunication {

    private SynchronousCommunication() {
    }

    public static SignResult analyse(Build build) {
        return analyse(RemoteCalls.of(build));
    }

    public static SignResult analyse(RemoteCalls calls) {
        List<EntryPoint> business = calls.entryPoints().stream().filter(e -> !e.component().isEdge()).toList();
        List<EntryPoint> waiting = business.stream().filter(e -> !e.services().isEmpty()).toList();
        List<Site> offPath = calls.sites().stream()
                .filter(s -> !s.from().isEdge() && s.betweenServices() && !s.requestPath()).toList();
        Map<String, Set<String>> graph = new TreeMap<>();
        waiting.forEach(e -> graph.computeIfAbsent(e.component().name(), k -> new TreeSet<>()).addAll(e.services()));
        List<String> chain = longestChain(graph);
        List<String> cycle = cycle(graph);
        // Fan-out is what one request waits on: services called in exclusive branches are never waited on together.
        EntryPoint widest = waiting.stream().max((a, b) -> a.servicesTogether().size() - b.servicesTogether().size())
                .orElse(null);
        int fanOut = widest == null ? 0 : widest.servicesTogether().size();
        int share = business.isEmpty() ? 0 : 100 * waiting.size() / business.size();

        Verdict verdict = fanOut >= Rules.SYNC_FAN_OUT_PRESENT || chain.size() >= Rules.SYNC_CHAIN_PRESENT
                || !cycle.isEmpty() || !waiting.isEmpty() && share >= Rules.SYNC_SHARE_PRESENT_PERCENT
                ? Verdict.PRESENT : !waiting.isEmpty() || !offPath.isEmpty() ? Verdict.WARNING : Verdict.CLEAR;

        List<Evidence> evidence = new ArrayList<>();
        for (EntryPoint e : waiting) {
            evidence.add(new Evidence(e.file(), e.line(), e.component().name() + " " + e.handler() + " waits on "
                    + String.join(", ", e.services()) + " (fan-out " + e.servicesTogether().size()
                    + (e.servicesTogether().size() < e.services().size() ? ", the others in exclusive branches" : "")
                    + ")"));
            e.waitsOn().stream().filter(Site::betweenServices).distinct()
                    .forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe())));
        }
        offPath.forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe() + ": off the request path")));
        calls.sites().stream().filter(s -> !s.from().isEdge() && !s.betweenServices())
                .forEach(s -> evidence.add(new Evidence(s.file(), s.line(), s.describe()
                        + ": not a service of the build, not counted")));
        if (waiting.isEmpty()) {
            Map<String, Integer> handlers = new LinkedHashMap<>();
            calls.components().stream().filter(c -> !c.isEdge()).forEach(c -> handlers.put(c.name(), 0));
            business.forEach(e -> handlers.merge(e.component().name(), 1, Integer::sum));
            calls.components().stream().filter(c -> !c.isEdge()).forEach(c -> evidence.add(new Evidence(c.pom(), 0,
                    c.name() + ": " + handlers.get(c.name()) + " entry points, none waits on another service")));
        }
        List<String> edges = edgeEvidence(calls, evidence);

        String summary;
        if (verdict == Verdict.CLEAR) {
            summary = "no business service waits on another: none of " + business.size() + " entry points of "
                    + handlersOf(calls) + " services"
                    + (edges.isEmpty() ? "" : "; calls at the edge, allowed: " + String.join(", ", edges));
        } else {
            List<String> parts = new ArrayList<>();
            parts.add(waiting.size() + " of " + business.size() + " business entry points (" + share
                    + "%) wait on another service");
            if (widest != null) {
                parts.add("widest: " + widest.component().name() + " " + widest.handler() + " waits on " + fanOut);
                parts.add("longest chain " + chain.size() + ": " + String.join(" -> ", chain));
            }
            if (!cycle.isEmpty()) {
                parts.add("cycle: " + String.join(" -> ", cycle));
            }
            if (!offPath.isEmpty()) {
                parts.add(offPath.size() + " call(s) between services off the request path");
            }
            summary = String.join("; ", parts);
        }
        return new SignResult(Sign.SYNCHRONOUS_COMMUNICATION, verdict, rule(), summary, evidence);
    }

    static String rule() {
        return "present when a business entry point waits on " + Rules.SYNC_FAN_OUT_PRESENT + "+ other services, "
                + "services wait on each other in a chain of " + Rules.SYNC_CHAIN_PRESENT + "+ or a cycle, or "
                + Rules.SYNC_SHARE_PRESENT_PERCENT + "%+ of business entry points wait on another service; warning "
                + "when any does; calls from edges (gateway, UI) are allowed";
    }

    private static long handlersOf(RemoteCalls calls) {
        return calls.components().stream().filter(c -> !c.isEdge()).count();
    }

    /** One line per edge class that calls out, in {@code evidence}; the edges' names. */
    private static List<String> edgeEvidence(RemoteCalls calls, List<Evidence> evidence) {
        Map<String, List<Site>> byFile = new LinkedHashMap<>();
        calls.sites().stream().filter(s -> s.from().isEdge())
                .forEach(s -> byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s));
        Set<String> edges = new TreeSet<>();
        byFile.forEach((file, sites) -> {
            Site first = sites.get(0);
            Set<String> targets = new TreeSet<>();
            sites.forEach(s -> targets.add(s.target() == null ? "target unknown" : s.target()));
            edges.add(first.from().name());
            evidence.add(new Evidence(file, first.line(), first.from().name() + " (edge: " + first.from().edge()
                    + "): " + sites.size() + " synchronous call(s) with " + first.client() + " to "
                    + String.join(", ", targets) + ": composition at the edge, allowed"));
        });
        return new ArrayList<>(edges);
    }

    /** The longest path of services without repeating one. */
    static List<String> longestChain(Map<String, Set<String>> graph) {
        List<String> best = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>(List.of(start));
            best = longest(graph, path, best);
        }
        return best;
    }

    private static List<String> longest(Map<String, Set<String>> graph, List<String> path, List<String> best) {
        if (path.size() > best.size()) {
            best = new ArrayList<>(path);
        }
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (!path.contains(next)) {
                path.add(next);
                best = longest(graph, path, best);
                path.remove(path.size() - 1);
            }
        }
        return best;
    }

    /** A cycle of services, its first service repeated at its end; empty when there is none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        for (String start : graph.keySet()) {
            List<String> found = cycleFrom(graph, new ArrayList<>(List.of(start)));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(Map<String, Set<String>> graph, List<String> path) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(path.get(0))) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                return cycle;
            }
            if (!path.contains(next)) {
                path.add(next);
                List<String> found = cycleFrom(graph, path);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }
}
