package dev.bazaar.check;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Kubernetes manifests anywhere in the repository (multi-document YAML), and the containers of their workloads, each
 * mapped to the Maven service it runs: the service its image is named after ({@code shop/orders:1} runs orders), else
 * the one the container, else the workload, is named after (sign 3's rule, per container). The file walk and the YAML
 * documents are the same as {@link CoordinatedDeployments}' (kept there privately; this is the shared form).
 */
final class Kubernetes {

    /**
     * A container of a workload that runs a Maven service.
     *
     * @param service    the artifactId of the service
     * @param workload   the workload's {@code kind/name}
     * @param definition the container's keys ({@code image}, {@code env}, ...)
     * @param file       the manifest
     */
    record Container(String service, String workload, Map<String, Node> definition, Path file) {
    }

    /** Workloads whose pod template is at {@code spec.template.spec}; a Pod's spec is the pod's. */
    private static final Set<String> TEMPLATED = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", "build");

    private Kubernetes() {
    }

    /** Every container of every Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or Pod that runs a service. */
    static List<Container> containers(Build build) {
        Map<String, String> known = build.serviceNames();
        List<Container> out = new ArrayList<>();
        for (Path file : yamlFiles(build.root())) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                continue;
            }
            if (!text.contains("kind:") || !text.contains("containers:")) {
                continue; // most YAML files are no manifest: not parsed
            }
            for (Node doc : documents(text)) {
                Map<String, Node> d = Yaml.entries(doc);
                if (!(d.get("kind") instanceof ScalarNode kind)) {
                    continue;
                }
                Map<String, Node> spec = Yaml.entries(d.get("spec"));
                Map<String, Node> pod = "Pod".equals(kind.getValue()) ? spec
                        : TEMPLATED.contains(kind.getValue()) ? Yaml.entries(Yaml.entries(spec.get("template")).get("spec"))
                        : Map.of();
                String name = Yaml.entries(d.get("metadata")).get("name") instanceof ScalarNode n ? n.getValue() : "";
                for (Node c : items(pod.get("containers"))) {
                    Map<String, Node> container = Yaml.entries(c);
                    String service = service(known, container, name);
                    if (service != null) {
                        out.add(new Container(service, kind.getValue() + "/" + name, container, file));
                    }
                }
            }
        }
        return out;
    }

    /** The values of the ConfigMaps in the repository's manifests, by {@code <name>/<key>}. */
    static Map<String, String> configMapValues(Build build) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path file : yamlFiles(build.root())) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                continue;
            }
            if (!text.contains("ConfigMap")) {
                continue;
            }
            for (Node doc : documents(text)) {
                Map<String, Node> d = Yaml.entries(doc);
                if (d.get("kind") instanceof ScalarNode kind && kind.getValue().equals("ConfigMap")
                        && Yaml.entries(d.get("metadata")).get("name") instanceof ScalarNode name) {
                    Yaml.entries(d.get("data")).forEach((key, value) -> {
                        if (value instanceof ScalarNode v) {
                            out.putIfAbsent(name.getValue() + "/" + key, v.getValue());
                        }
                    });
                }
            }
        }
        return out;
    }

    /** The service a container runs: by its image's name, its own name, else its workload's; null when none. */
    private static String service(Map<String, String> known, Map<String, Node> container, String workload) {
        if (container.get("image") instanceof ScalarNode image
                && known.containsKey(CoordinatedDeployments.imageName(image.getValue()))) {
            return known.get(CoordinatedDeployments.imageName(image.getValue()));
        }
        if (container.get("name") instanceof ScalarNode name && known.containsKey(name.getValue())) {
            return known.get(name.getValue());
        }
        return known.get(workload);
    }

    static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? seq.getValue() : List.of();
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

    /** YAML files under the root other than Compose files and topology.yaml; build output and hidden dirs skipped. */
    static List<Path> yamlFiles(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (n.startsWith(".") || SKIPPED_DIRS.contains(n))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String n = file.getFileName().toString();
                    boolean atRoot = file.getParent().equals(root);
                    if ((n.endsWith(".yml") || n.endsWith(".yaml"))
                            && !(atRoot && (Compose.isComposeFile(n) || n.equals("topology.yaml")))) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
