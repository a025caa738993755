package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The Compose files at a repository's root ({@code docker-compose*.yml|yaml}, {@code compose*.yml|yaml}) and their
 * services, each mapped to the Maven service it runs: the module with the Compose service's name, or the one its
 * {@code build} context is. The others (postgres, kafka, ...) are infrastructure. A service's environment is its
 * {@code env_file} entries and its {@code environment}, values interpolated from the {@code .env} beside the file.
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

    /**
     * A variable of a Compose service's environment (sign 2 keeps a Kubernetes container's {@code env} in it too).
     *
     * @param file the file it is written in (the Compose file, or an {@code env_file}), relative to the build's root
     * @param line its line there
     * @param note how it came to the service when not written in its {@code environment}, and how its value was
     *             interpolated; empty for a plain entry
     */
    record Variable(String name, String value, String file, int line, String note) {
    }

    private Compose() {
    }

    /**
     * The environment of a service's containers: its {@code env_file} entries, then its {@code environment} over them
     * (Compose's precedence), whose values are interpolated ({@link #interpolate}) with the {@code .env} next to the
     * Compose file, as Compose does. An {@code .env} gives values to interpolate, not variables to the container.
     */
    static List<Variable> environment(Build build, Service service) {
        Path dir = service.file().getParent();
        Path dotEnv = dir.resolve(".env");
        Map<String, Yaml.Value> interpolation = envFile(dotEnv);
        Map<String, Variable> out = new LinkedHashMap<>();
        Node envFiles = service.definition().get("env_file"); // a path, or a list of paths or of {path, required}
        List<Node> entries = envFiles instanceof SequenceNode seq ? seq.getValue()
                : envFiles == null ? List.of() : List.of(envFiles);
        for (Node entry : entries) {
            Node path = entry instanceof ScalarNode ? entry : Yaml.entries(entry).get("path");
            if (path instanceof ScalarNode p) {
                Path file = dir.resolve(p.getValue()).normalize();
                String note = " (env_file of " + service.name() + " at " + build.relative(service.file()) + ":"
                        + (p.getStartMark().getLine() + 1) + ")";
                envFile(file).forEach((k, v) -> out.put(k, new Variable(k, v.text(), build.relative(file), v.line(),
                        note)));
            }
        }
        Node environment = service.definition().get("environment");
        int mergeLine = mergeLine(environment);
        int start = environment == null ? 0 : environment.getStartMark().getLine() + 1;
        int end = environment == null ? 0 : environment.getEndMark().getLine() + 1;
        String file = build.relative(service.file());
        Yaml.environment(environment).forEach((k, v) -> {
            boolean merged = mergeLine > 0 && (v.line() < start || v.line() > end);
            List<String> used = new ArrayList<>();
            String value = interpolate(v.text(), interpolation, used);
            String note = (merged ? " (merged in at " + file + ":" + mergeLine + " with <<:)" : "")
                    + (used.isEmpty() ? "" : " (written " + v.text() + "; " + String.join(", ", used.stream()
                            .map(u -> u + " from " + build.relative(dotEnv) + ":" + interpolation.get(u).line())
                            .toList()) + ")");
            out.put(k, new Variable(k, value, file, v.line(), note));
        });
        return List.copyOf(out.values());
    }

    /** The line of a {@code <<:} merge key in a mapping, 0 when it has none. */
    private static int mergeLine(Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && "<<".equals(k.getValue())) {
                    return k.getStartMark().getLine() + 1;
                }
            }
        }
        return 0;
    }

    /**
     * An env file ({@code .env}, an {@code env_file}): {@code KEY=VALUE} lines with their line, {@code #} comments and
     * blank lines skipped, quotes around a value taken off; empty when there is no such file.
     */
    static Map<String, Yaml.Value> envFile(Path file) {
        Map<String, Yaml.Value> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            line = line.startsWith("export ") ? line.substring("export ".length()).strip() : line;
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                    && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1);
            } else if (value.contains(" #")) {
                value = value.substring(0, value.indexOf(" #")).strip();
            }
            out.put(line.substring(0, eq).strip(), new Yaml.Value(value, i + 1));
        }
        return out;
    }

    /**
     * Compose's interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (also when empty),
     * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR:+other}}, {@code $$} for a dollar. A variable the
     * given ones lack is left as written (the shell running Compose may set it, the files cannot say), but its default
     * is taken. The names whose values were used are added to {@code used}.
     */
    static String interpolate(String value, Map<String, Yaml.Value> variables, List<String> used) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            char next = i + 1 < value.length() ? value.charAt(i + 1) : ' ';
            if (c != '$' || !(next == '$' || next == '{' || next == '_' || Character.isLetter(next))) {
                out.append(c);
                i++;
            } else if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next != '{') {
                int end = i + 1;
                while (end < value.length() && (value.charAt(end) == '_' || Character.isLetterOrDigit(value.charAt(end)))) {
                    end++;
                }
                out.append(variable(value.substring(i + 1, end), "", value.substring(i, end), variables, used));
                i = end;
            } else {
                int end = Placeholders.closing(value, i + 2);
                if (end < 0) {
                    out.append(value, i, value.length());
                    break;
                }
                String body = value.substring(i + 2, end);
                int name = 0;
                while (name < body.length() && (body.charAt(name) == '_' || Character.isLetterOrDigit(body.charAt(name)))) {
                    name++;
                }
                out.append(variable(body.substring(0, name), body.substring(name), value.substring(i, end + 1),
                        variables, used));
                i = end + 1;
            }
        }
        return out.toString();
    }

    /** One variable, {@code modifier} being what follows its name ({@code :-default}, {@code ?error}, ...). */
    private static String variable(String name, String modifier, String written, Map<String, Yaml.Value> variables,
                                   List<String> used) {
        Yaml.Value v = variables.get(name);
        boolean colon = modifier.startsWith(":");
        String op = colon ? modifier.substring(1) : modifier;
        boolean set = v != null && !(colon && v.text().isEmpty());
        if (set && !used.contains(name)) {
            used.add(name);
        }
        if (op.startsWith("-")) {
            return set ? v.text() : interpolate(op.substring(1), variables, used);
        }
        if (op.startsWith("+")) {
            return set ? interpolate(op.substring(1), variables, used) : "";
        }
        return set ? v.text() : written;
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
        Map<String, String> names = build.serviceNames();
        if (names.containsKey(composeName) || image != null && names.containsKey(image)) {
            return names.containsKey(composeName) ? names.get(composeName) : names.get(image);
        }
        for (Build.Module m : build.services()) {
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
