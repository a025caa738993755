package dev.bazaar.check;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scorecard of a repository: {@code ./bazaar check <path> [--since] [--traces] [--postgres] [--format json]} prints
 * it, and exits 1 when a sign is present. From files only (build, configuration, code, git history), unless traces or
 * a live PostgreSQL are given.
 *
 * @see Rules every threshold
 */
public final class Check {

    /**
     * What else to read beside the repository's files.
     *
     * @param since    git history from this day on (signs 3 and 7)
     * @param traces   Zipkin JSON v2 or OTLP JSON files (signs 1 and 5)
     * @param postgres a JDBC URL whose grants prove or question sign 2
     * @param clients  more synchronous client types (simple names) than {@link Rules#SYNC_CLIENT_TYPES}: every call on
     *                 one is a request (signs 1, 5 and 6)
     */
    public record Options(Optional<LocalDate> since, Optional<Path> traces, Optional<String> postgres,
                          Set<String> clients) {

        public static Options filesOnly() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        }
    }

    private Check() {
    }

    public static Scorecard run(Path repository) {
        return run(repository, Options.filesOnly());
    }

    public static Scorecard run(Path repository, Options options) {
        Path root = repository.toAbsolutePath().normalize();
        String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        Optional<Build> read = Build.read(root);
        if (read.isEmpty()) {
            List<SignResult> results = new ArrayList<>();
            for (Sign sign : Sign.values()) {
                results.add(SignResult.notAnalysed(sign, "no build at the root: the check reads Maven (pom.xml) "
                        + "and Gradle (settings.gradle[.kts], build.gradle[.kts]) builds"));
            }
            return new Scorecard(name, List.of(), results, new DependencyGraph(List.of(), List.of()));
        }
        // Where deployment descriptors run services, one that none of them runs is not deployed (a demo, a tool).
        Set<String> deployed = CoordinatedDeployments.deployed(read.get());
        Set<String> undeployed = new TreeSet<>();
        read.get().services().stream().map(Build.Module::artifactId).filter(s -> !deployed.contains(s))
                .forEach(undeployed::add);
        Build build = deployed.isEmpty() ? read.get() : read.get().without(undeployed,
                "no deployment descriptor runs it, while they run the other services");
        List<String> notes = new ArrayList<>();
        build.separateBuilds().forEach(dir -> notes.add(build.relative(dir)
                + " left out: a separate build (aggregated here, but it inherits from nothing in this one)"));
        build.platformModules().forEach(m -> notes.add(m.artifactId() + " left out: " + m.why().text()));
        RemoteCalls calls = RemoteCalls.of(build, options.clients());
        Set<String> edges = new TreeSet<>();
        calls.components().stream().filter(RemoteCalls.Component::isEdge).forEach(c -> edges.add(c.name()));
        Optional<Traces.Findings> traces = options.traces().map(dir -> Traces.read(dir, edges));

        SignResult synchronous = SynchronousCommunication.analyse(calls);
        SignResult cascading = CascadingFailures.analyse(calls);
        if (traces.isPresent()) {
            synchronous = synchronous.and(TraceSigns.synchronous(traces.get()));
            cascading = cascading.and(TraceSigns.cascading(traces.get(), edges));
        }
        List<SharedDatabase.Fact> facts = SharedDatabase.facts(build); // read once: config, Compose, manifests
        SignResult database = SharedDatabase.analyse(build, facts).and(SharedTables.analyse(build, facts));
        if (options.postgres().isPresent()) {
            database = database.and(Grants.analyse(options.postgres().get(), Grants.owned(facts)));
        }
        List<SignResult> results = List.of(synchronous, database,
                CoordinatedDeployments.analyse(build, options.since()), SharedLibraries.analyse(build).and(CopiedCode.analyse(build)), cascading,
                TransactionsSpanningServices.analyse(calls), ReleaseCoupling.analyse(build, options.since()));
        return new Scorecard(name, notes, results, graph(build, calls, traces));
    }

    /** Services, edge components, the calls between them (code, traces) and the messages (topology, code). */
    static DependencyGraph graph(Build build, RemoteCalls calls, Optional<Traces.Findings> traces) {
        DependencyGraph.Builder graph = new DependencyGraph.Builder();
        calls.components().forEach(c -> graph.node(c.name(), c.isEdge()));
        for (RemoteCalls.Site site : calls.sites()) {
            if (site.betweenServices()) {
                graph.edge(site.from().name(), site.target(), true, site.client(), "code");
            }
        }
        traces.ifPresent(t -> t.hops().forEach(h -> graph.edge(h.from(), h.to(), h.synchronous(),
                h.synchronous() ? "a call" : "a message", "traces")));
        gatewayRoutes(build, calls).forEach(route -> graph.edge(route[0], route[1], true, "routes", "topology.yaml"));
        Messaging.flows(Messaging.endpoints(build))
                .forEach(flow -> graph.edge(flow.from(), flow.to(), false, flow.destination(), "messaging"));
        return graph.build();
    }

    /** Bazaar's map: every gateway forwards the routes a component declares ({@code routes:} in topology.yaml). */
    private static List<String[]> gatewayRoutes(Build build, RemoteCalls calls) {
        List<String[]> out = new ArrayList<>();
        List<String> gateways = calls.components().stream().filter(RemoteCalls.Component::isEdge)
                .filter(c -> c.edge().contains("gateway")).map(RemoteCalls.Component::name).toList();
        Yaml.read(build.root().resolve("topology.yaml")).ifPresent(root -> Yaml.entries(Yaml.entries(root)
                .get("components")).forEach((name, node) -> {
                    var component = Yaml.entries(node);
                    String target = Messaging.module(build, component).orElse(name);
                    if (component.containsKey("routes") && !gateways.contains(target)) {
                        gateways.forEach(g -> out.add(new String[] {g, target}));
                    }
                }));
        return out;
    }
}
