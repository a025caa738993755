package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Sign 3, from deployment files and git history: application services that cannot start before other application
 * services (Compose {@code depends_on}, topology.yaml {@code waits-for}, Kubernetes init containers that wait for one,
 * Helm charts that depend on one), services released as one unit (one explicit image tag for all, an umbrella chart),
 * and image tags that moved together in git history. Infrastructure (postgres, kafka, ...) is what the deployment
 * descriptors name that is no Maven service: waiting for it is normal.
 */
public final class CoordinatedDeployments {

    /** {@code from} cannot start before {@code to}. */
    record Edge(String from, String to, Evidence where) {
    }

    /** An application service's image, and where it is written. */
    record Image(String service, String image, Evidence where) {

        /** The tag ({@code latest} when none is written); a digest is not a tag. */
        String tag() {
            String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            int colon = name.lastIndexOf(':');
            return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "latest";
        }
    }

    /** What the deployment descriptors say. */
    private static final class Findings {
        final Set<String> services = new TreeSet<>();
        final List<Edge> edges = new ArrayList<>();
        final Map<String, Image> images = new TreeMap<>();
        final List<Evidence> units = new ArrayList<>();
        final List<Evidence> infrastructureOnly = new ArrayList<>();
        final Set<String> infrastructure = new TreeSet<>();
        final Set<String> descriptors = new TreeSet<>();
    }

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private CoordinatedDeployments() {
    }

    public static SignResult analyse(Build build, Optional<LocalDate> since) {
        Findings f = new Findings();
        compose(build, f);
        topology(build, f);
        kubernetes(build, f);
        if (f.services.isEmpty()) {
            return SignResult.notAnalysed(Sign.COORDINATED_DEPLOYMENTS, "no deployment descriptor that runs a service "
                    + "(docker-compose/compose files, topology.yaml, Kubernetes manifests, Helm charts)");
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<String> warning = new ArrayList<>();

        if (!f.edges.isEmpty()) {
            present.add(f.edges.size() + " start-order dependencies between services (longest chain: "
                    + String.join(" -> ", longestChain(f.edges)) + ")");
            f.edges.forEach(e -> evidence.add(e.where()));
        }
        Set<String> tags = new TreeSet<>();
        f.images.values().forEach(i -> tags.add(i.tag()));
        // latest and a Maven -SNAPSHOT are moving tags: they name no release, so sharing one says nothing.
        boolean moving = tags.contains("latest") || tags.stream().anyMatch(t -> t.endsWith("-SNAPSHOT"));
        if (f.images.size() >= 2 && tags.size() == 1 && !moving) {
            warning.add("all " + f.images.size() + " service images tagged " + tags.iterator().next()
                    + " (released as one unit)");
            f.images.values().forEach(i -> evidence.add(i.where()));
        }
        if (!f.units.isEmpty()) {
            warning.add(f.units.size() + " chart(s) deploying several services as one unit");
            evidence.addAll(f.units);
        }
        String historyNote = releases(build, since, f, present, evidence);

        Verdict verdict = !present.isEmpty() ? Verdict.PRESENT : !warning.isEmpty() ? Verdict.WARNING : Verdict.CLEAR;
        String summary;
        if (verdict == Verdict.CLEAR) {
            summary = f.services.size() + " services, none waits for another at start"
                    + (f.infrastructure.isEmpty() ? "" : ": only for infrastructure ("
                    + String.join(", ", f.infrastructure) + ")");
            evidence.addAll(f.infrastructureOnly);
        } else {
            List<String> all = new ArrayList<>(present);
            all.addAll(warning);
            summary = f.services.size() + " services; " + String.join("; ", all);
        }
        summary += historyNote;
        return new SignResult(Sign.COORDINATED_DEPLOYMENTS, verdict, Rules.coordinatedDeploymentsRule(), summary,
                evidence);
    }

    /** The services (artifactIds) that some Compose file, topology.yaml or Kubernetes manifest runs. */
    public static Set<String> deployed(Build build) {
        Set<String> out = new TreeSet<>();
        Compose.services(build).stream().filter(Compose.Service::application).map(Compose.Service::module)
                .filter(java.util.Objects::nonNull).forEach(out::add);
        Yaml.read(build.root().resolve("topology.yaml")).ifPresent(root -> Yaml.entries(Yaml.entries(root)
                .get("components")).values().forEach(c -> Messaging.module(build, Yaml.entries(c)).ifPresent(out::add)));
        Findings f = new Findings();
        kubernetes(build, f);
        out.addAll(f.services);
        return out;
    }

    /** Compose services: {@code depends_on} (a list or a mapping) and {@code image}. */
    private static void compose(Build build, Findings f) {
        List<Compose.Service> services = Compose.services(build);
        Set<String> applications = new HashSet<>();
        services.stream().filter(Compose.Service::application).forEach(s -> applications.add(s.name()));
        for (Compose.Service s : services) {
            f.descriptors.add(build.relative(s.file()));
            if (!s.application()) {
                continue;
            }
            String file = build.relative(s.file());
            f.services.add(s.name());
            if (s.definition().get("image") instanceof ScalarNode image) {
                f.images.put(s.name(), new Image(s.name(), image.getValue(), new Evidence(file, line(image),
                        s.name() + " image " + image.getValue())));
            }
            waits(file, s.name(), s.line(), "depends_on", names(s.definition().get("depends_on")), applications, f);
        }
    }

    /** Components of a root topology.yaml (Bazaar's): {@code kind}, {@code module}, {@code waits-for}. */
    private static void topology(Build build, Findings f) {
        Path file = build.root().resolve("topology.yaml");
        Optional<MappingNode> root = Yaml.read(file);
        if (root.isEmpty()) {
            return;
        }
        Node components = Yaml.entries(root.get()).get("components");
        Map<String, Integer> lines = Compose.keyLines(components);
        Set<String> applications = new HashSet<>();
        Yaml.entries(components).forEach((name, c) -> {
            if (application(build, Yaml.entries(c))) {
                applications.add(name);
            }
        });
        f.descriptors.add("topology.yaml");
        Yaml.entries(components).forEach((name, c) -> {
            if (applications.contains(name)) {
                f.services.add(name);
                waits("topology.yaml", name, lines.getOrDefault(name, 0), "waits-for",
                        names(Yaml.entries(c).get("waits-for")), applications, f);
            }
        });
    }

    private static boolean application(Build build, Map<String, Node> component) {
        if (component.get("kind") instanceof ScalarNode kind && "service".equals(kind.getValue())) {
            return true;
        }
        return component.get("module") instanceof ScalarNode module && build.services().stream()
                .anyMatch(m -> m.dir().equals(build.root().resolve(module.getValue()).normalize()));
    }

    /** Records what one service waits for: other services (an edge) or infrastructure only. */
    private static void waits(String file, String service, int line, String key, Map<String, Integer> targets,
                              Set<String> applications, Findings f) {
        List<String> infrastructure = new ArrayList<>();
        boolean onService = false;
        for (Map.Entry<String, Integer> t : targets.entrySet()) {
            if (applications.contains(t.getKey())) {
                onService = true;
                f.edges.add(new Edge(service, t.getKey(), new Evidence(file, t.getValue(), service + " " + key + " "
                        + t.getKey() + ": it cannot start before " + t.getKey() + " has")));
            } else {
                infrastructure.add(t.getKey());
            }
        }
        f.infrastructure.addAll(infrastructure);
        if (!onService) {
            f.infrastructureOnly.add(new Evidence(file, line, service + (infrastructure.isEmpty()
                    ? " waits for nothing" : " " + key + " only infrastructure: " + String.join(", ", infrastructure))));
        }
    }

    /** The names of a list ({@code [a, b]}) or of a mapping's keys ({@code a: {condition: ...}}), with their lines. */
    private static Map<String, Integer> names(Node node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> {
                if (n instanceof ScalarNode s) {
                    out.put(s.getValue(), line(s));
                }
            });
        } else if (node instanceof MappingNode) {
            out.putAll(Compose.keyLines(node));
        }
        return out;
    }

    /**
     * Kubernetes workloads named like a Maven service (or running its image): their images, and init containers whose
     * command names another service (waiting for it); Helm charts whose {@code dependencies} name services.
     */
    private static void kubernetes(Build build, Findings f) {
        Map<String, String> known = build.serviceNames();
        for (Path path : Kubernetes.yamlFiles(build.root())) {
            String file = build.relative(path);
            String text;
            try {
                text = Files.readString(path);
            } catch (IOException e) {
                continue;
            }
            if (path.getFileName().toString().equals("Chart.yaml")) {
                chart(file, text, known, f);
            } else if (text.contains("kind:") && WORKLOADS.stream().anyMatch(text::contains)) {
                for (Node doc : Yaml.documents(text)) {
                    workload(file, doc, known, f);
                }
            }
        }
    }

    private static void workload(String file, Node doc, Map<String, String> known, Findings f) {
        Map<String, Node> d = Yaml.entries(doc);
        if (!(d.get("kind") instanceof ScalarNode kind) || !WORKLOADS.contains(kind.getValue())
                || !(Yaml.entries(d.get("metadata")).get("name") instanceof ScalarNode name)) {
            return;
        }
        Map<String, Node> pod = Yaml.entries(Yaml.entries(Yaml.entries(d.get("spec")).get("template")).get("spec"));
        List<Image> images = new ArrayList<>();
        for (Node container : Kubernetes.items(pod.get("containers"))) {
            if (Yaml.entries(container).get("image") instanceof ScalarNode image) {
                images.add(new Image(name.getValue(), image.getValue(), new Evidence(file, line(image),
                        name.getValue() + " image " + image.getValue())));
            }
        }
        String service = known.containsKey(name.getValue()) ? known.get(name.getValue()) : images.stream()
                .map(i -> imageName(i.image())).filter(known::containsKey).map(known::get).findFirst().orElse(null);
        if (service == null) {
            return;
        }
        f.descriptors.add(file);
        f.services.add(service);
        images.stream().findFirst().ifPresent(i -> f.images.put(service, new Image(service, i.image(), i.where())));
        boolean onService = false;
        for (Node init : Kubernetes.items(pod.get("initContainers"))) {
            String command = String.join(" ", Yaml.flatten(init).values().stream().map(Yaml.Value::text).toList());
            for (Map.Entry<String, String> alias : known.entrySet()) {
                String other = alias.getValue();
                if (!other.equals(service) && f.edges.stream().noneMatch(e -> e.from().equals(service) && e.to().equals(other))
                        && Pattern.compile("\\b" + Pattern.quote(alias.getKey()) + "\\b").matcher(command).find()) {
                    onService = true;
                    f.edges.add(new Edge(service, other, new Evidence(file, line(init), service
                            + " init container waits for " + other + ": it cannot start before " + other + " has")));
                }
            }
        }
        if (!onService) {
            f.infrastructureOnly.add(new Evidence(file, line(name), service + " waits for no other service"));
        }
    }

    private static void chart(String file, String text, Map<String, String> known, Findings f) {
        List<Node> docs = Yaml.documents(text);
        if (docs.isEmpty() || !(Yaml.entries(docs.get(0)).get("name") instanceof ScalarNode name)) {
            return;
        }
        List<ScalarNode> services = new ArrayList<>();
        for (Node dependency : Kubernetes.items(Yaml.entries(docs.get(0)).get("dependencies"))) {
            if (Yaml.entries(dependency).get("name") instanceof ScalarNode dep && known.containsKey(dep.getValue())) {
                services.add(dep);
            }
        }
        if (known.containsKey(name.getValue())) {
            f.descriptors.add(file);
            f.services.add(name.getValue());
            services.forEach(dep -> f.edges.add(new Edge(name.getValue(), dep.getValue(), new Evidence(file, line(dep),
                    "chart " + name.getValue() + " depends on the chart of service " + dep.getValue()
                            + ": deployed with it"))));
        } else if (services.size() >= 2) {
            f.descriptors.add(file);
            services.forEach(dep -> f.services.add(dep.getValue()));
            f.units.add(new Evidence(file, line(name), "chart " + name.getValue() + " deploys "
                    + String.join(", ", services.stream().map(ScalarNode::getValue).toList()) + " as one unit"));
        }
    }

    /**
     * From git history: commits that change an application service's image tag in a deployment descriptor (a
     * release), and those that change two or more at once. Adds to {@code present} when they moved together in most
     * releases; returns a note for the summary.
     */
    private static String releases(Build build, Optional<LocalDate> since, Findings f, List<String> present,
                                   List<Evidence> evidence) {
        Set<String> descriptors = new TreeSet<>(f.descriptors);
        descriptors.remove("topology.yaml"); // it names modules, not images
        if (descriptors.isEmpty()) {
            return "";
        }
        List<History.Commit> releases = new ArrayList<>();
        List<History.Commit> together = new ArrayList<>();
        Map<History.Commit, Set<String>> moved = new LinkedHashMap<>();
        try (History history = History.open(build.root())) {
            for (History.Commit c : history.commits(since)) {
                Set<String> changed = new TreeSet<>();
                for (String path : c.paths()) {
                    if (descriptors.contains(path)) {
                        Map<String, String> before = tags(history.text(c.parentTree(), path), f.services);
                        tags(history.text(c.tree(), path), f.services).forEach((service, tag) -> {
                            if (before.containsKey(service) && !before.get(service).equals(tag)) {
                                changed.add(service);
                            }
                        });
                    }
                }
                if (!changed.isEmpty()) {
                    releases.add(c);
                    moved.put(c, changed);
                    if (changed.size() >= 2) {
                        together.add(c);
                    }
                }
            }
        } catch (History.Unavailable e) {
            return " (git history not read: " + e.getMessage() + ")";
        }
        if (releases.isEmpty()) {
            return "";
        }
        int percent = (int) Math.round(100.0 * together.size() / releases.size());
        String figure = "service image tags changed together in " + together.size() + " of " + releases.size()
                + " releases (" + percent + "%)";
        if (releases.size() >= Rules.COORDINATED_RELEASES_MIN
                && percent > Rules.COORDINATED_RELEASES_PERCENT) {
            present.add(figure);
            together.stream().limit(3).forEach(c -> evidence.add(new Evidence(c.id(), 0, c.subject()
                    + " (image tags of " + String.join(", ", moved.get(c)) + ")")));
            return "";
        }
        return "; git history: " + figure;
    }

    /** The image tag of each service a Compose file or Kubernetes manifest (as text) runs. */
    private static Map<String, String> tags(Optional<String> text, Set<String> services) {
        Map<String, String> out = new TreeMap<>();
        for (Node doc : text.map(Yaml::documents).orElse(List.of())) {
            Map<String, Node> d = Yaml.entries(doc);
            Yaml.entries(d.get("services")).forEach((name, s) -> {
                if (Yaml.entries(s).get("image") instanceof ScalarNode image) {
                    out.put(name, new Image(name, image.getValue(), null).tag());
                }
            });
            Map<String, Node> pod = Yaml.entries(Yaml.entries(Yaml.entries(d.get("spec")).get("template"))
                    .get("spec"));
            if (Yaml.entries(d.get("metadata")).get("name") instanceof ScalarNode name) {
                Kubernetes.items(pod.get("containers")).stream().findFirst()
                        .filter(c -> Yaml.entries(c).get("image") instanceof ScalarNode)
                        .ifPresent(c -> out.put(name.getValue(), new Image(name.getValue(),
                                ((ScalarNode) Yaml.entries(c).get("image")).getValue(), null).tag()));
            }
        }
        out.keySet().retainAll(services);
        return out;
    }

    /** The longest start-order chain, from a service that waits to one that waits for none (cycles cut). */
    static List<String> longestChain(List<Edge> edges) {
        Map<String, Set<String>> waitsFor = new TreeMap<>();
        edges.forEach(e -> waitsFor.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.to()));
        List<String> best = List.of();
        for (String start : waitsFor.keySet()) {
            List<String> chain = chain(start, waitsFor, new HashSet<>());
            if (chain.size() > best.size()) {
                best = chain;
            }
        }
        return best;
    }

    private static List<String> chain(String from, Map<String, Set<String>> waitsFor, Set<String> visiting) {
        visiting.add(from);
        List<String> longest = List.of();
        for (String to : waitsFor.getOrDefault(from, Set.of())) {
            if (!visiting.contains(to)) {
                List<String> c = chain(to, waitsFor, visiting);
                if (c.size() > longest.size()) {
                    longest = c;
                }
            }
        }
        visiting.remove(from);
        List<String> out = new ArrayList<>();
        out.add(from);
        out.addAll(longest);
        return out;
    }

    /** The last path segment of an image, without tag or digest: {@code example/user-service:1} is user-service. */
    static String imageName(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    }


    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
