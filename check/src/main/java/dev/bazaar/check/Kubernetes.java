package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Kubernetes manifests anywhere in the repository (multi-document YAML), and the containers of their workloads, each
 * mapped to the Maven service it runs: the service its image is named after ({@code shop/orders:1} runs orders), else
 * the one the container, else the workload, is named after (sign 3's rule, per container). {@link CoordinatedDeployments}
 * walks the same files ({@link #yamlFiles}).
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

    /** One document of a manifest file: a mapping with a {@code kind}. */
    record Manifest(Path file, String kind, Map<String, Node> document) {
    }

    /** Workloads whose pod template is at {@code spec.template.spec}; a Pod's spec is the pod's. */
    private static final Set<String> TEMPLATED = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", "build");

    private Kubernetes() {
    }

    /** Every document with a {@code kind} of every YAML file under the root, each file read once. */
    static List<Manifest> manifests(Build build) {
        List<Manifest> out = new ArrayList<>();
        for (Path file : yamlFiles(build.root())) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                continue;
            }
            if (!text.contains("kind:")) {
                continue; // most YAML files are no manifest: not parsed
            }
            for (Node doc : Yaml.documents(text)) {
                Map<String, Node> d = Yaml.entries(doc);
                if (d.get("kind") instanceof ScalarNode kind) {
                    out.add(new Manifest(file, kind.getValue(), d));
                }
            }
        }
        return out;
    }

    /** Every container of every Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or Pod that runs a service. */
    static List<Container> containers(Build build, List<Manifest> manifests) {
        Map<String, String> known = build.serviceNames();
        List<Container> out = new ArrayList<>();
        for (Manifest m : manifests) {
            Map<String, Node> spec = Yaml.entries(m.document().get("spec"));
            Map<String, Node> pod = "Pod".equals(m.kind()) ? spec
                    : TEMPLATED.contains(m.kind()) ? Yaml.entries(Yaml.entries(spec.get("template")).get("spec"))
                    : Map.of();
            String name = Yaml.entries(m.document().get("metadata")).get("name") instanceof ScalarNode n ? n.getValue() : "";
            for (Node c : items(pod.get("containers"))) {
                Map<String, Node> container = Yaml.entries(c);
                String service = service(known, container, name);
                if (service != null) {
                    out.add(new Container(service, m.kind() + "/" + name, container, m.file()));
                }
            }
        }
        return out;
    }

    /** The values of the ConfigMaps among the manifests, by {@code <name>/<key>}. */
    static Map<String, String> configMapValues(List<Manifest> manifests) {
        Map<String, String> out = new TreeMap<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("ConfigMap")
                    && Yaml.entries(m.document().get("metadata")).get("name") instanceof ScalarNode name) {
                Yaml.entries(m.document().get("data")).forEach((key, value) -> {
                    if (value instanceof ScalarNode v) {
                        out.putIfAbsent(name.getValue() + "/" + key, v.getValue());
                    }
                });
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
