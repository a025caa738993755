package dev.bazaar.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who depends on whom at run time: the services and edge components, the synchronous calls between them (from code
 * and traces) and the asynchronous flows (topics and queues), each edge with what it was seen in.
 */
public record DependencyGraph(List<Node> nodes, List<Edge> edges) {

    /** A service, or an edge component (a gateway, a UI) whose synchronous calls are allowed. */
    public record Node(String name, boolean edge) {
    }

    /**
     * @param synchronous a call the caller waits for; otherwise a message
     * @param label       what carries it: the topics, or the call sites
     * @param seenIn      "code", "traces", "topology.yaml"...
     */
    public record Edge(String from, String to, boolean synchronous, String label, String seenIn) {
    }

    public DependencyGraph {
        nodes = nodes.stream().sorted(Comparator.comparing(Node::edge).thenComparing(Node::name)).toList();
        edges = List.copyOf(edges);
    }

    /** Builds a graph, merging edges between the same two services of the same style. */
    public static final class Builder {

        private record Key(String from, String to, boolean synchronous) {
        }

        private final Map<String, Boolean> nodes = new LinkedHashMap<>();
        private final Map<Key, TreeSet<String>> labels = new LinkedHashMap<>();
        private final Map<Key, TreeSet<String>> seenIn = new LinkedHashMap<>();

        public Builder node(String name, boolean edge) {
            nodes.merge(name, edge, Boolean::logicalOr);
            return this;
        }

        public Builder edge(String from, String to, boolean synchronous, String label, String source) {
            nodes.putIfAbsent(from, false);
            nodes.putIfAbsent(to, false);
            Key key = new Key(from, to, synchronous);
            labels.computeIfAbsent(key, k -> new TreeSet<>()).add(label);
            seenIn.computeIfAbsent(key, k -> new TreeSet<>()).add(source);
            return this;
        }

        public DependencyGraph build() {
            List<Edge> edges = new ArrayList<>();
            labels.forEach((key, label) -> edges.add(new Edge(key.from(), key.to(), key.synchronous(),
                    String.join(", ", label), String.join(", ", seenIn.get(key)))));
            List<Node> list = new ArrayList<>();
            nodes.forEach((name, edge) -> list.add(new Node(name, edge)));
            return new DependencyGraph(list, edges);
        }
    }
}
