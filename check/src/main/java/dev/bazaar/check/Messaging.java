package dev.bazaar.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Who publishes to and who reads from which topic or queue: the asynchronous edges of the dependency graph. Read from a
 * root {@code topology.yaml} (Bazaar's map: a component's {@code topic} is what it publishes to, its {@code consumes}
 * what it reads) and from code: {@code @KafkaListener(topics)}, {@code @RabbitListener(queues)}, and
 * {@code send("literal", ...)} / {@code convertAndSend("literal", ...)} on a template, with {@code ${...}} resolved
 * against the module's configuration. A destination named only in a variable is not followed.
 */
public final class Messaging {

    /** One end of a destination: a service that publishes to it or reads from it. */
    public record Endpoint(String service, String destination, boolean publishes, Evidence where) {
    }

    private static final Set<String> LISTENERS = Set.of("KafkaListener", "RabbitListener", "JmsListener");
    private static final Set<String> LISTENER_ATTRIBUTES = Set.of("topics", "queues", "destination", "value");
    private static final Set<String> SENDS = Set.of("send", "convertAndSend", "sendDefault");

    private Messaging() {
    }

    /** Every endpoint of every module: services and edges alike. */
    public static List<Endpoint> endpoints(Build build) {
        List<Endpoint> out = new ArrayList<>(fromTopology(build));
        Set<Build.Module> owned = new java.util.HashSet<>();
        build.services().forEach(service -> owned.addAll(build.ownedBy(service)));
        for (Build.Module module : build.modules()) {
            if (owned.contains(module)) {
                continue; // read as the code of the service that owns it
            }
            Map<String, String> config = configuration(module);
            for (Path file : build.mainJavaFiles(module)) {
                Optional<CompilationUnit> unit = Build.parse(file);
                unit.ifPresent(u -> fromCode(build, module, file, u, config, out));
            }
        }
        return out;
    }

    /** A message's way from the service that publishes it to one that reads it. */
    public record Flow(String from, String to, String destination) {
    }

    /** Every producer to every consumer of the same destination: the edges to draw. */
    public static List<Flow> flows(List<Endpoint> endpoints) {
        List<Flow> flows = new ArrayList<>();
        for (Endpoint p : endpoints) {
            for (Endpoint c : endpoints) {
                if (p.publishes() && !c.publishes() && c.destination().equals(p.destination())
                        && !c.service().equals(p.service())) {
                    flows.add(new Flow(p.service(), c.service(), p.destination()));
                }
            }
        }
        return flows;
    }

    private static List<Endpoint> fromTopology(Build build) {
        List<Endpoint> out = new ArrayList<>();
        Path file = build.root().resolve("topology.yaml");
        Yaml.read(file).ifPresent(root -> Yaml.entries(Yaml.entries(root).get("components")).forEach((name, node) -> {
            Map<String, Node> component = Yaml.entries(node);
            String service = module(build, component).orElse(name);
            if (component.get("topic") instanceof ScalarNode topic) {
                out.add(new Endpoint(service, topic.getValue(), true, new Evidence("topology.yaml",
                        Yaml.value(topic).line(), service + " publishes to " + topic.getValue())));
            }
            Yaml.entries(component.get("consumes")).forEach((topic, types) -> out.add(new Endpoint(service, topic,
                    false, new Evidence("topology.yaml", types.getStartMark().getLine() + 1,
                    service + " reads " + topic + (types instanceof SequenceNode seq ? " " + seq.getValue().stream()
                            .filter(ScalarNode.class::isInstance).map(t -> ((ScalarNode) t).getValue()).toList()
                            : "")))));
        }));
        return out;
    }

    /** The artifactId of the build module a topology component runs ({@code module:} is its directory). */
    static Optional<String> module(Build build, Map<String, Node> component) {
        if (!(component.get("module") instanceof ScalarNode dir)) {
            return Optional.empty();
        }
        Path path = build.root().resolve(dir.getValue()).normalize();
        return build.modules().stream().filter(m -> m.dir().equals(path)).map(Build.Module::artifactId).findFirst();
    }

    private static void fromCode(Build build, Build.Module module, Path file, CompilationUnit unit,
                                 Map<String, String> config, List<Endpoint> out) {
        String where = build.relative(file);
        for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
            if (!LISTENERS.contains(annotation.getNameAsString())) {
                continue;
            }
            List<Expression> values = new ArrayList<>();
            if (annotation instanceof SingleMemberAnnotationExpr single) {
                values.add(single.getMemberValue());
            } else if (annotation instanceof NormalAnnotationExpr normal) {
                normal.getPairs().stream().filter(p -> LISTENER_ATTRIBUTES.contains(p.getNameAsString()))
                        .forEach(p -> values.add(p.getValue()));
            }
            for (String destination : literals(values, config)) {
                out.add(new Endpoint(module.artifactId(), destination, false, new Evidence(where,
                        line(annotation), "@" + annotation.getNameAsString() + " reads " + destination)));
            }
        }
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            if (SENDS.contains(call.getNameAsString()) && call.getArguments().size() >= 2
                    && call.getArgument(0) instanceof StringLiteralExpr) {
                for (String destination : literals(List.of(call.getArgument(0)), config)) {
                    out.add(new Endpoint(module.artifactId(), destination, true, new Evidence(where, line(call),
                            call.getNameAsString() + "(\"" + destination + "\", ...) publishes to " + destination)));
                }
            }
        }
    }

    private static List<String> literals(List<Expression> values, Map<String, String> config) {
        List<String> out = new ArrayList<>();
        for (Expression value : values) {
            if (value instanceof ArrayInitializerExpr array) {
                out.addAll(literals(array.getValues(), config));
            } else if (value instanceof StringLiteralExpr literal) {
                String resolved = Placeholders.resolve(literal.getValue(), config);
                if (!resolved.isBlank() && !resolved.contains("${") && !resolved.startsWith("#{")) {
                    out.add(resolved);
                }
            }
        }
        return out;
    }

    private static Map<String, String> configuration(Build.Module module) {
        Map<String, String> config = new LinkedHashMap<>();
        module.springConfig().values().forEach(values -> values.forEach((k, v) -> config.put(k, v.text())));
        return config;
    }

    private static int line(com.github.javaparser.ast.Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }
}
