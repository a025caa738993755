package dev.bazaar.check;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** YAML read as SnakeYAML's node tree, so that every value keeps its line; anchors and {@code <<} merges resolved. */
final class Yaml {

    /** A scalar and the line it is written on (1-based). */
    record Value(String text, int line) {
    }

    private Yaml() {
    }

    /** The file's first document, when it is a mapping (a file of several documents is not dropped for it). */
    static Optional<MappingNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return documents(Files.readString(file)).stream().findFirst()
                    .filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every document of a YAML text (manifests hold several, so do Spring files with profiles); none if unparsable. */
    static List<Node> documents(String text) {
        List<Node> out = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            new org.yaml.snakeyaml.Yaml(new LoaderOptions()).composeAll(reader).forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return out; // the documents before the one that does not parse (a Helm template) are kept
        }
        return out;
    }

    /** The entries of a mapping, those merged in with {@code <<: *anchor} first, as the YAML merge key says. */
    static Map<String, Node> entries(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && "<<".equals(k.getValue())) {
                if (t.getValueNode() instanceof SequenceNode seq) {
                    seq.getValue().forEach(n -> entries(n).forEach(out::putIfAbsent));
                } else {
                    entries(t.getValueNode()).forEach(out::putIfAbsent);
                }
            }
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !"<<".equals(k.getValue())) {
                out.put(k.getValue(), t.getValueNode());
            }
        }
        return out;
    }

    /** Every scalar leaf as a flat, dot-separated key ({@code spring.datasource.url}). */
    static Map<String, Value> flatten(Node node) {
        Map<String, Value> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, Node node, Map<String, Value> out) {
        if (node instanceof ScalarNode s) {
            out.put(prefix, value(s));
        } else if (node instanceof MappingNode) {
            entries(node).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, out));
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                flatten(prefix + "[" + i + "]", seq.getValue().get(i), out);
            }
        }
    }

    static Value value(ScalarNode s) {
        return new Value(s.getValue(), s.getStartMark().getLine() + 1);
    }

    /** Compose's {@code environment}: a mapping, or a list of {@code NAME=value}. */
    static Map<String, Value> environment(Node node) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (n instanceof ScalarNode s) {
                    int eq = s.getValue().indexOf('=');
                    if (eq > 0) {
                        out.put(s.getValue().substring(0, eq),
                                new Value(s.getValue().substring(eq + 1), s.getStartMark().getLine() + 1));
                    }
                }
            }
        } else {
            entries(node).forEach((k, v) -> {
                if (v instanceof ScalarNode s) {
                    out.put(k, value(s));
                }
            });
        }
        return out;
    }
}
