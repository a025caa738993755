package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The Compose files at a repository's root ({@code docker-compose*.yml|yaml}, {@code compose*.yml|yaml}) and their
 * services, each mapped to the Maven service it runs: the module with the Compose service's name, or the one its
 * {@code build} context is. The others (postgres, kafka, ...) are infrastructure.
 */
final class Compose {

    /**
     * One Compose service.
     *
     * @param name       its name in the Compose file
     * @param module     the artifactId of the Maven service it runs; null for infrastructure
     * @param definition its keys ({@code <<:} merges resolved)
     * @param file       the Compose file
     * @param line       the line of its name (1-based)
     */
    record Service(String name, String module, Map<String, Node> definition, Path file, int line) {

        boolean application() {
            return module != null;
        }
    }

    private Compose() {
    }

    /** Every service of every Compose file at the root, in file order. */
    static List<Service> services(Build build) {
        List<Service> out = new ArrayList<>();
        for (Path file : files(build.root())) {
            Optional<MappingNode> root = Yaml.read(file);
            if (root.isEmpty()) {
                continue;
            }
            Node services = Yaml.entries(root.get()).get("services");
            Map<String, Integer> lines = keyLines(services);
            Yaml.entries(services).forEach((name, node) -> {
                Map<String, Node> definition = Yaml.entries(node);
                out.add(new Service(name, mavenService(build, file, name, definition.get("build"), definition.get("image")), definition, file,
                        lines.getOrDefault(name, node.getStartMark().getLine() + 1)));
            });
        }
        return out;
    }

    /** The line of each key written in a mapping (those merged in with {@code <<:} have none). */
    static Map<String, Integer> keyLines(Node node) {
        Map<String, Integer> out = new HashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    out.put(key.getValue(), key.getStartMark().getLine() + 1);
                }
            }
        }
        return out;
    }

    private static String mavenService(Build build, Path composeFile, String composeName, Node buildNode,
                                       Node imageNode) {
        String context = buildNode instanceof ScalarNode s ? s.getValue()
                : Yaml.entries(buildNode).get("context") instanceof ScalarNode c ? c.getValue() : null;
        // A service named for short (customers-service) often runs an image named after the module.
        String image = imageNode instanceof ScalarNode i ? CoordinatedDeployments.imageName(i.getValue()) : null;
        for (Build.Module m : build.services()) {
            if (m.artifactId().equals(composeName) || m.artifactId().equals(image)) {
                return m.artifactId();
            }
            if (context != null && composeFile.getParent().resolve(context).normalize().equals(m.dir())) {
                return m.artifactId();
            }
        }
        return null;
    }

    static List<Path> files(Path root) {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> isComposeFile(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean isComposeFile(String name) {
        return (name.startsWith("docker-compose") || name.startsWith("compose"))
                && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
