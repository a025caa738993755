package dev.bazaar.check;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.nodeTypes.NodeWithExtends;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The synchronous remote calls of a build's services (business services and edges), found in their
 * {@code src/main/java} with JavaParser and no symbol solver: the model signs 1, 5 and 6 are judged on.
 *
 * <p>A call site is a chain of calls on a client ({@link Rules#SYNC_CLIENT_TYPES}, a gRPC blocking stub, or an
 * {@code @FeignClient} interface of the module) that issues a request ({@link Rules#REQUEST_METHODS}). Its target is
 * the service its address names (host = artifactId, with or without {@code -service}; or port = the service's
 * {@code server.port} or topology port), the address being found in the call's arguments or where the client is
 * built: string literals, {@code @Value} placeholders and {@code @ConfigurationProperties} accessors, looked up in the
 * module's configuration. Entry points are the handler methods of {@code @RestController}/{@code @Controller} classes;
 * what they reach is followed by name through the module's own methods (calls on {@code this}, on fields and variables
 * typed with the module's classes or interfaces, and their implementations), {@link Rules#CALL_GRAPH_DEPTH} calls deep.
 */
public final class RemoteCalls {

    /** A deployable of the build, its pom.xml (relative), and why it is an edge (null: a business service). */
    public record Component(String name, Build.Module module, String pom, String edge) {

        public boolean isEdge() {
            return edge != null;
        }
    }

    /**
     * One synchronous remote call.
     *
     * @param caller      the method it is written in, as {@code Type.method}
     * @param httpMethod  GET, POST... ; null when it cannot be told
     * @param target      the service of the build it calls; null when unknown (an external system, a computed address)
     * @param address     the address it was resolved from, and where that came from; null when none was found
     * @param timeout     where a timeout was found for it; null when none
     * @param breaker     where a circuit breaker was found for it; null when none
     * @param fallback    where a fallback was found for it; null when none
     * @param requestPath whether a handler of its component reaches it
     */
    public record Site(Component from, String file, int line, String caller, String client, String httpMethod,
                       String target, String address, String timeout, String breaker, String fallback,
                       boolean requestPath) {

        public String location() {
            return file + ":" + line;
        }

        public boolean write() {
            return httpMethod != null && Set.of("POST", "PUT", "PATCH", "DELETE").contains(httpMethod);
        }

        /** A call to another service of the build (not to itself, not to an unknown or external system). */
        public boolean betweenServices() {
            return target != null && !target.equals(from.name());
        }

        public String describe() {
            return describe(caller, httpMethod);
        }

        /** The call, its caller and HTTP method as given (for calls alike from several methods of a class). */
        public String describe(String caller, String httpMethod) {
            return from.name() + " " + caller + " -> " + (target == null ? "target unknown" : target) + " ("
                    + client + (httpMethod == null ? "" : " " + httpMethod) + (address == null ? "" : ", " + address)
                    + ")";
        }
    }

    /**
     * A request handler and the remote calls its answer waits on; the catch blocks that undo a remote write.
     *
     * @param writesTogether the most of its {@link #remoteWrites()} that one run of it can make: writes in exclusive
     *                       branches (the arms of an if/else or a switch, or after a return or throw that ends the
     *                       branch holding another) never both run
     * @param servicesTogether the most other services of the build that one run of it waits on, as for writes
     */
    public record EntryPoint(Component component, String file, int line, String handler, List<Site> waitsOn,
                             List<Evidence> compensations, List<Site> writesTogether, Set<String> servicesTogether) {

        /** The other services of the build it may wait on, one run or another. */
        public Set<String> services() {
            Set<String> out = new TreeSet<>();
            waitsOn.stream().filter(Site::betweenServices).forEach(s -> out.add(s.target()));
            return out;
        }

        public List<Site> remoteWrites() {
            return waitsOn.stream().filter(s -> s.betweenServices() && s.write()).toList();
        }
    }

    /** A method run in a local transaction ({@code @Transactional} on it or its class), the remote calls it reaches. */
    public record TransactionalMethod(Component component, String file, int line, String method, boolean readOnly,
                                      List<Site> reaches) {
    }

    /** XA/JTA, a distributed lock or two-phase commit, where it is used. */
    public record Coordination(Component component, String file, int line, String kind, String text) {
    }

    private final List<Component> components = new ArrayList<>();
    private final List<Site> sites = new ArrayList<>();
    private final List<EntryPoint> entryPoints = new ArrayList<>();
    private final List<TransactionalMethod> transactional = new ArrayList<>();
    private final List<Coordination> coordination = new ArrayList<>();

    private RemoteCalls() {
    }

    public List<Component> components() {
        return Collections.unmodifiableList(components);
    }

    public List<Site> sites() {
        return Collections.unmodifiableList(sites);
    }

    public List<EntryPoint> entryPoints() {
        return Collections.unmodifiableList(entryPoints);
    }

    public List<TransactionalMethod> transactionalMethods() {
        return Collections.unmodifiableList(transactional);
    }

    public List<Coordination> coordination() {
        return Collections.unmodifiableList(coordination);
    }

    public static RemoteCalls of(Build build) {
        return of(build, Set.of());
    }

    /**
     * @param clients more client types, by simple name, whose every call is a synchronous request (a company's own
     *                HTTP or RPC client): {@code ./bazaar check --clients}
     */
    public static RemoteCalls of(Build build, Set<String> clients) {
        RemoteCalls model = new RemoteCalls();
        Map<String, String[]> topology = topology(build); // module dir -> {kind, port}
        Map<String, List<Setting>> settings = new LinkedHashMap<>();
        Map<String, String> ports = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>(); // spring.application.name -> component
        ConfigServer configServer = ConfigServer.of(build);
        for (Build.Module m : build.services()) {
            List<Setting> own = settings(build, configServer, m);
            settings.put(m.artifactId(), own);
            String name = placeholders("${spring.application.name:}", values(own)).toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.putIfAbsent(name, m.artifactId());
            }
            String port = placeholders("${server.port:}", values(own));
            String[] declared = topology.get(build.relative(m.dir()));
            if (port.isEmpty() && declared != null) {
                port = declared[1];
            }
            if (!port.isEmpty()) {
                ports.putIfAbsent(port, m.artifactId());
            }
            model.components.add(new Component(m.artifactId(), m, build.relative(m.buildFile()),
                    edge(build, m, own, declared)));
        }
        for (Component c : model.components) {
            new Code(build, c, settings.get(c.name()), model.components, ports, names, clients).analyse(model);
        }
        return model;
    }

    // ---- the build around the code

    /** A configuration entry of a module, and its file. */
    private record Setting(String file, String key, Yaml.Value value) {
    }

    /**
     * A service's settings, those a config server of the build serves it first: Spring Cloud Config's remote
     * settings win over the service's own, its own name's files over {@code application.*}.
     */
    private static List<Setting> settings(Build build, ConfigServer configServer, Build.Module m) {
        List<Setting> out = new ArrayList<>();
        List<ConfigServer.Served> served = new ArrayList<>(configServer.servedTo(m));
        java.util.Collections.reverse(served);
        served.forEach(file -> file.settings().forEach((k, v) -> out.add(new Setting(build.relative(file.file()), k, v))));
        m.springConfig().forEach((file, values) -> values.forEach((k, v) -> out.add(new Setting(build.relative(file), k, v))));
        return out;
    }

    private static Map<String, String> values(List<Setting> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach(s -> out.putIfAbsent(s.key(), s.value().text()));
        return out;
    }

    /** Placeholders resolved against the module's own settings, else to their defaults (no environment is known). */
    private static String placeholders(String text, Map<String, String> settings) {
        try {
            return Placeholders.resolve(text, settings);
        } catch (StackOverflowError selfReferencing) {
            return text;
        }
    }

    /** {@code kind:} and {@code port:} of each topology.yaml component, by its {@code module:} directory. */
    private static Map<String, String[]> topology(Build build) {
        Map<String, String[]> out = new LinkedHashMap<>();
        Yaml.read(build.root().resolve("topology.yaml")).ifPresent(root -> {
            var components = Yaml.entries(Yaml.entries(root).get("components")).values();
            for (org.yaml.snakeyaml.nodes.Node component : components) {
                Map<String, org.yaml.snakeyaml.nodes.Node> c = Yaml.entries(component);
                if (c.get("module") instanceof ScalarNode module) {
                    out.put(module.getValue(), new String[] {
                            c.get("kind") instanceof ScalarNode k ? k.getValue() : "",
                            c.get("port") instanceof ScalarNode p ? p.getValue() : ""});
                }
            }
        });
        return out;
    }

    /**
     * Why a module is an edge rather than a business service; null when it is a business service. A gateway library
     * makes an edge of a module that routes with it (routes in its settings, a {@code RouteLocator}, Zuul's proxy): a
     * service may use it for something else (petclinic's genai service, for a load-balanced client).
     */
    private static String edge(Build build, Build.Module m, List<Setting> settings, String[] topology) {
        boolean routes = settings.stream().anyMatch(s -> s.key().contains(".routes") && (s.key().startsWith("spring.cloud.gateway")
                || s.key().startsWith("zuul.")));
        for (Build.Dep d : m.dependencies()) {
            String artifactId = d.key().substring(d.key().indexOf(':') + 1);
            if (Rules.EDGE_DEPENDENCY_PREFIXES.stream().anyMatch(artifactId::startsWith)
                    && (routes || routesInCode(build, m))) {
                return "depends on " + artifactId;
            }
        }
        if (topology != null && !topology[0].isEmpty() && !topology[0].equals("service")) {
            return "kind " + topology[0] + " in topology.yaml";
        }
        return null;
    }

    /** Whether the module's code declares routes: a {@code RouteLocator} bean or Zuul's proxy. */
    private static boolean routesInCode(Build build, Build.Module m) {
        for (Path file : build.mainJavaFiles(m)) {
            Optional<CompilationUnit> unit = Build.parse(file);
            if (unit.isPresent() && (unit.get().findAll(ClassOrInterfaceType.class).stream()
                    .anyMatch(t -> t.getNameAsString().equals("RouteLocator"))
                    || unit.get().findAll(AnnotationExpr.class).stream()
                    .anyMatch(a -> a.getNameAsString().endsWith("EnableZuulProxy")))) {
                return true;
            }
        }
        return false;
    }

    // ---- one module's code

    private record Unit(String file, CompilationUnit cu) {
    }

    /** A variable: its declared type, its declaration, the values assigned to it and the code assigning them. */
    private record Var(String type, Node declaration, List<Expression> values, List<Node> builtIn) {
    }

    /** A found call site, before it is judged. */
    private record Found(Unit unit, MethodCallExpr call, CallableDeclaration<?> in, String client, String httpMethod,
                         Var var, Optional<AnnotationExpr> feign) {
    }

    private static final class Code {

        private final Build build;
        private final Component component;
        private final List<Setting> settings;
        private final Map<String, String> config;
        private final List<Component> components;
        private final Map<String, String> ports;
        private final Map<String, String> names;
        private final Set<String> clients;
        private final List<Unit> units = new ArrayList<>();
        private final Map<String, List<TypeDeclaration<?>>> types = new LinkedHashMap<>();
        private final Map<String, String> configurationProperties = new LinkedHashMap<>();
        private final Map<CallableDeclaration<?>, List<CallableDeclaration<?>>> callees = new IdentityHashMap<>();
        private final Map<CallableDeclaration<?>, List<CallableDeclaration<?>>> callers = new IdentityHashMap<>();
        private final Map<CallableDeclaration<?>, Unit> unitOf = new IdentityHashMap<>();
        /** Every method and constructor, in source order (AST nodes are equal by structure: kept by identity). */
        private final List<CallableDeclaration<?>> callables = new ArrayList<>();
        private final String moduleTimeout;
        /** Where the module gives its breakers a time limit (Resilience4j's TimeLimiterConfig), null when nowhere. */
        private final String timeLimiter;

        Code(Build build, Component component, List<Setting> settings, List<Component> components,
             Map<String, String> ports, Map<String, String> names, Set<String> clients) {
            this.build = build;
            this.component = component;
            this.settings = settings;
            this.config = values(settings);
            this.components = components;
            this.ports = ports;
            this.names = names;
            this.clients = clients;
            for (Path file : build.mainJavaFiles(component.module())) {
                Build.parse(file).ifPresent(cu -> units.add(new Unit(build.relative(file), cu)));
            }
            for (Unit u : units) {
                for (TypeDeclaration<?> t : u.cu().findAll(TypeDeclaration.class)) {
                    types.computeIfAbsent(t.getNameAsString(), n -> new ArrayList<>()).add(t);
                    annotation(t, "ConfigurationProperties").ifPresent(a -> configurationProperties.put(
                            t.getNameAsString(), attribute(a, "value").or(() -> attribute(a, "prefix"))
                                    .map(RemoteCalls::text).orElse("")));
                }
                for (CallableDeclaration<?> c : u.cu().findAll(CallableDeclaration.class)) {
                    unitOf.put(c, u);
                    callables.add(c);
                }
            }
            for (CallableDeclaration<?> c : callables) {
                List<CallableDeclaration<?>> out = new ArrayList<>();
                c.findAll(MethodCallExpr.class).forEach(call -> out.addAll(resolve(call)));
                callees.put(c, out);
                out.forEach(callee -> callers.computeIfAbsent(callee, k -> new ArrayList<>()).add(c));
            }
            moduleTimeout = moduleTimeout();
            timeLimiter = units.stream().flatMap(u -> u.cu().findAll(MethodCallExpr.class).stream()
                    .filter(m -> m.getNameAsString().equals("timeoutDuration")).map(this::where)).findFirst().orElse(null);
        }

        void analyse(RemoteCalls model) {
            List<Found> found = new ArrayList<>();
            units.forEach(u -> u.cu().findAll(MethodCallExpr.class)
                    .forEach(call -> site(u, call).ifPresent(found::add)));

            List<Map.Entry<MethodDeclaration, String>> handlers = new ArrayList<>();
            for (List<TypeDeclaration<?>> sameName : types.values()) {
                for (TypeDeclaration<?> t : sameName) {
                    if (annotation(t, "RestController").isPresent() || annotation(t, "Controller").isPresent()) {
                        t.getMethods().stream().filter(m -> m.getAnnotations().stream()
                                        .anyMatch(a -> Rules.HANDLER_ANNOTATIONS.contains(simple(a.getNameAsString()))))
                                .forEach(m -> handlers.add(Map.entry(m,
                                        t.getNameAsString() + "." + m.getNameAsString())));
                    }
                }
            }
            Set<CallableDeclaration<?>> onRequestPath = reach(handlers.stream().map(Map.Entry::getKey).toList());
            Map<Found, Site> judged = new IdentityHashMap<>();
            for (Found f : found) {
                Site site = judge(f, onRequestPath.contains(f.in()));
                judged.put(f, site);
                model.sites.add(site);
            }

            for (Map.Entry<MethodDeclaration, String> h : handlers) {
                Set<CallableDeclaration<?>> reached = reach(List.of(h.getKey()));
                List<Site> waits = found.stream().filter(f -> reached.contains(f.in())).map(judged::get).toList();
                List<Evidence> compensations = new ArrayList<>();
                for (CallableDeclaration<?> r : callables.stream().filter(reached::contains).toList()) {
                    for (CatchClause c : r.findAll(CatchClause.class)) {
                        Set<CallableDeclaration<?>> fromCatch = reach(callees(c.getBody()));
                        found.stream().filter(f -> c.isAncestorOf(f.call()) || fromCatch.contains(f.in()))
                                .map(judged::get).filter(s -> s.write() && s.betweenServices()).findFirst()
                                .ifPresent(s -> compensations.add(new Evidence(unitOf.get(r).file(), line(c),
                                        "a catch block that undoes with " + s.describe())));
                    }
                }
                List<Found> calls = found.stream().filter(f -> reached.contains(f.in()))
                        .filter(f -> judged.get(f).betweenServices()).toList();
                List<Found> writes = calls.stream().filter(f -> judged.get(f).write()).toList();
                Set<String> services = new TreeSet<>();
                together(h.getKey(), calls, group -> group.stream().map(f -> judged.get(f).target()).distinct().count())
                        .forEach(f -> services.add(judged.get(f).target()));
                model.entryPoints.add(new EntryPoint(component, unitOf.get(h.getKey()).file(), line(h.getKey()),
                        h.getValue(), waits, compensations,
                        together(h.getKey(), writes, List::size).stream().map(judged::get).toList(), services));
            }

            for (CallableDeclaration<?> c : callables) {
                if (!(c instanceof MethodDeclaration m)) {
                    continue;
                }
                Optional<AnnotationExpr> own = annotation(m, "Transactional");
                Optional<AnnotationExpr> ofClass = m.findAncestor(TypeDeclaration.class)
                        .flatMap(t -> annotation((TypeDeclaration<?>) t, "Transactional"))
                        .filter(a -> m.isPublic());
                Optional<AnnotationExpr> tx = own.or(() -> ofClass);
                if (tx.isPresent()) {
                    Set<CallableDeclaration<?>> reached = reach(List.of(m));
                    boolean readOnly = attribute(tx.get(), "readOnly")
                            .filter(v -> v instanceof BooleanLiteralExpr b && b.getValue()).isPresent();
                    model.transactional.add(new TransactionalMethod(component, unitOf.get(m).file(), line(m),
                            name(m), readOnly, found.stream().filter(f -> reached.contains(f.in()))
                            .map(judged::get).toList()));
                }
            }
            coordination(model);
        }

        // ---- call sites

        private Optional<Found> site(Unit unit, MethodCallExpr call) {
            if (call.getParentNode().orElse(null) instanceof MethodCallExpr outer
                    && outer.getScope().orElse(null) == call) {
                return Optional.empty(); // not the whole chain: its outermost call is the site
            }
            Optional<CallableDeclaration> in = call.findAncestor(CallableDeclaration.class);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            List<MethodCallExpr> chain = new ArrayList<>();
            Expression root = call;
            while (root instanceof MethodCallExpr m) {
                chain.add(0, m);
                root = m.getScope().orElse(null);
            }
            Var var = null;
            String type = null;
            if (root instanceof NameExpr n) {
                var = variable(n.getNameAsString(), n);
                type = var != null ? var.type() : n.getNameAsString();
            } else if (root instanceof FieldAccessExpr f && f.getScope().isThisExpr()) {
                var = variable(f.getNameAsString(), f);
                type = var == null ? null : var.type();
            } else if (root instanceof ObjectCreationExpr o) {
                type = o.getType().getNameWithScope();
            }
            if (type == null) {
                return Optional.empty();
            }
            Optional<AnnotationExpr> feign = types.getOrDefault(simple(type), List.of()).stream()
                    .flatMap(t -> annotation(t, "FeignClient").stream()).findFirst();
            boolean stub = simple(type).endsWith(Rules.BLOCKING_STUB_SUFFIX) || clients.contains(simple(type));
            MethodCallExpr request;
            if (feign.isPresent() || stub) {
                request = chain.get(0);
            } else if (isClient(type)) {
                request = chain.stream().filter(m -> Rules.REQUEST_METHODS.contains(m.getNameAsString()))
                        .findFirst().orElse(null);
            } else {
                request = null;
            }
            if (request == null) {
                return Optional.empty();
            }
            String client = feign.isPresent() ? "Feign " + simple(type)
                    : simple(type).endsWith(Rules.BLOCKING_STUB_SUFFIX) ? "gRPC " + simple(type) : simple(type);
            return Optional.of(new Found(unit, call, in.get(), client, httpMethod(request, type, feign.isPresent()),
                    var, feign));
        }

        private static boolean isClient(String type) {
            String last = simple(type);
            String first = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
            return Rules.SYNC_CLIENT_TYPES.contains(type)
                    || Rules.SYNC_CLIENT_TYPES.contains(last) && Character.isLowerCase(first.charAt(0)) // qualified
                    || Rules.SYNC_CLIENT_TYPES.contains(first); // a builder of one: WebClient.Builder
        }

        private String httpMethod(MethodCallExpr request, String type, boolean feign) {
            String name = request.getNameAsString();
            if (feign) {
                for (TypeDeclaration<?> t : types.getOrDefault(simple(type), List.of())) {
                    for (MethodDeclaration m : t.getMethodsByName(name)) {
                        for (AnnotationExpr a : m.getAnnotations()) {
                            String verb = verb(simple(a.getNameAsString()).replace("Mapping", ""));
                            if (verb != null) {
                                return verb;
                            }
                            if (simple(a.getNameAsString()).equals("RequestLine")) {
                                String line = attribute(a, "value").map(RemoteCalls::text).orElse("").strip();
                                return line.contains(" ") ? line.substring(0, line.indexOf(' ')) : null;
                            }
                            Optional<String> method = attribute(a, "method").flatMap(this::verbIn);
                            if (method.isPresent()) {
                                return method.get();
                            }
                        }
                    }
                }
                return null;
            }
            String verb = verb(name);
            if (verb != null) {
                return verb;
            }
            for (Expression argument : request.getArguments()) {
                Optional<String> found = verbIn(argument);
                if (found.isEmpty() && argument instanceof NameExpr n) {
                    Var v = variable(n.getNameAsString(), n);
                    found = v == null ? Optional.empty()
                            : v.values().stream().flatMap(x -> verbIn(x).stream()).findFirst();
                }
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return null;
        }

        /** {@code HttpMethod.POST}, {@code RequestMethod.POST}, {@code .POST(...)} of an HttpRequest builder. */
        private Optional<String> verbIn(Expression e) {
            for (Node n : nodes(e)) {
                if (n instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr s
                        && Set.of("HttpMethod", "RequestMethod").contains(s.getNameAsString())) {
                    return Optional.of(f.getNameAsString());
                }
                if (n instanceof MethodCallExpr m && Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")
                        .contains(m.getNameAsString())) {
                    return Optional.of(m.getNameAsString());
                }
                if (n instanceof MethodCallExpr m && m.getNameAsString().equals("method") && !m.getArguments().isEmpty()
                        && m.getArgument(0) instanceof StringLiteralExpr s) {
                    return Optional.of(s.asString().toUpperCase(Locale.ROOT));
                }
            }
            return Optional.empty();
        }

        private static String verb(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            for (String verb : List.of("get", "post", "put", "patch", "delete", "head", "options")) {
                if (n.equals(verb) || n.startsWith(verb + "for")) {
                    return verb.toUpperCase(Locale.ROOT);
                }
            }
            return null;
        }

        // ---- judging a site: target, timeout, breaker, fallback

        private Site judge(Found f, boolean requestPath) {
            String[] address = address(f);
            String target = address == null ? null : target(address[0]);
            String addressText = address == null ? null
                    : address[0] + (address[1] == null ? "" : " from " + address[1])
                            + (target == null ? "" : ", " + target + "'s address");
            Set<CallableDeclaration<?>> callers = reachBack(f.in());
            List<CallableDeclaration<?>> around = new ArrayList<>(List.of(f.in()));
            callables.stream().filter(c -> c != f.in() && callers.contains(c)).forEach(around::add);
            String breaker = breaker(f, around);
            String timeout = timeout(f);
            if (timeout == null && breaker != null && timeLimiter != null) {
                timeout = "the breaker's time limiter (" + timeLimiter + ")"; // Resilience4j's, set for every breaker
            }
            boolean hystrix = breaker != null && (breaker.contains("hystrix") || around.stream().anyMatch(c -> c
                    .getAnnotations().stream().anyMatch(a -> simple(a.getNameAsString()).equals("HystrixCommand"))));
            if (timeout == null && hystrix) {
                // A Hystrix command always times out: after its setting, else after a second.
                timeout = settings.stream().filter(st -> st.key().startsWith("hystrix.command.")
                                && st.key().contains("timeout")).findFirst()
                        .map(st -> "Hystrix's command timeout (" + st.file() + ":" + st.value().line() + ")")
                        .orElse("Hystrix's command timeout (1 s by default)");
            }
            return new Site(component, f.unit().file(), line(f.call()), name(f.in()), f.client(), f.httpMethod(),
                    target, addressText, timeout, breaker, fallback(f, around), requestPath);
        }

        /** The address the call goes to, and the setting it came from (null for a literal); null when none is known. */
        private String[] address(Found f) {
            if (f.feign().isPresent()) {
                AnnotationExpr a = f.feign().get();
                Optional<String[]> url = attribute(a, "url").flatMap(e -> address(e, 0));
                if (url.isPresent()) {
                    return url.get();
                }
                Optional<String> name = attribute(a, "name").or(() -> attribute(a, "value")).map(RemoteCalls::text)
                        .map(n -> placeholders(n, config));
                if (name.isPresent()) {
                    return new String[] {"http://" + name.get(), "@FeignClient name"};
                }
            }
            List<Expression> candidates = new ArrayList<>();
            for (Expression e = f.call(); e instanceof MethodCallExpr m; e = m.getScope().orElse(null)) {
                candidates.addAll(0, m.getArguments());
            }
            if (f.var() != null) {
                candidates.addAll(f.var().values());
            }
            for (Expression e : candidates) {
                Optional<String[]> found = address(e, 0);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return null;
        }

        private Optional<String[]> address(Expression e, int depth) {
            if (depth > 4 || e instanceof LambdaExpr) {
                return Optional.empty();
            }
            if (e instanceof StringLiteralExpr s) {
                return s.asString().contains("://") ? Optional.of(new String[] {s.asString(), null}) : Optional.empty();
            }
            if (e instanceof BinaryExpr b) {
                // "http://" + service + path: the scheme alone names nothing; the expression says what is known
                return address(b.getLeft(), depth).map(left -> left[0].endsWith("://")
                        ? new String[] {b.toString(), null} : left);
            }
            if (e instanceof EnclosedExpr x) {
                return address(x.getInner(), depth);
            }
            if (e instanceof CastExpr x) {
                return address(x.getExpression(), depth);
            }
            if (e instanceof NameExpr || e instanceof FieldAccessExpr f && f.getScope().isThisExpr()) {
                String name = e instanceof NameExpr n ? n.getNameAsString() : ((FieldAccessExpr) e).getNameAsString();
                Var v = variable(name, e);
                if (v == null) {
                    return Optional.empty();
                }
                Optional<AnnotationExpr> value = v.declaration() instanceof NodeWithAnnotations<?> a
                        ? annotation(a, "Value") : Optional.empty();
                if (value.isPresent()) {
                    return attribute(value.get(), "value").map(RemoteCalls::text).flatMap(this::property);
                }
                for (Expression x : v.values()) {
                    Optional<String[]> found = address(x, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            if (e instanceof MethodCallExpr m) {
                Optional<String> prefix = m.getScope().filter(NameExpr.class::isInstance)
                        .map(s -> variable(((NameExpr) s).getNameAsString(), s))
                        .map(v -> configurationProperties.get(simple(v.type())));
                if (prefix.isPresent() && m.getArguments().isEmpty()) {
                    String property = m.getNameAsString().startsWith("get") && m.getNameAsString().length() > 3
                            ? m.getNameAsString().substring(3) : m.getNameAsString();
                    return property("${" + prefix.get() + "." + kebab(property) + "}");
                }
                // A builder's later setting wins: the arguments of the outer call before those of its scope.
                List<Expression> parts = new ArrayList<>(m.getArguments());
                m.getScope().ifPresent(parts::add);
                return parts.stream().map(x -> address(x, depth)).flatMap(Optional::stream).findFirst();
            }
            if (e instanceof ObjectCreationExpr o) {
                return o.getArguments().stream().map(x -> address(x, depth)).flatMap(Optional::stream).findFirst();
            }
            return Optional.empty();
        }

        private Optional<String[]> property(String placeholder) {
            String resolved = placeholders(placeholder, config);
            return resolved.contains("://") ? Optional.of(new String[] {resolved, placeholder}) : Optional.empty();
        }

        /**
         * The service of the build an address names: by host (artifactId, with or without -service; or its
         * {@code spring.application.name}, as a registry or a load balancer knows it), else by port.
         */
        private String target(String url) {
            int scheme = url.indexOf("://");
            if (url.contains("\"") || url.contains(" ")) {
                return null; // an expression, not an address
            }
            String rest = url.substring(scheme + 3);
            int end = rest.length();
            for (char stop : new char[] {'/', '?', '#', '{'}) {
                end = rest.indexOf(stop) >= 0 ? Math.min(end, rest.indexOf(stop)) : end;
            }
            String hostPort = rest.substring(0, end);
            hostPort = hostPort.substring(hostPort.lastIndexOf('@') + 1);
            int colon = hostPort.lastIndexOf(':');
            String host = (colon >= 0 ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
            String port = colon >= 0 ? hostPort.substring(colon + 1) : "";
            if (host.contains(".") && !Character.isDigit(host.charAt(0))) {
                host = host.substring(0, host.indexOf('.'));
            }
            for (Component c : components) {
                if (!host.isEmpty() && (c.name().equals(host) || c.name().equals(host + "-service")
                        || c.name().equals(host.replace("-service", "")))) {
                    return c.name();
                }
            }
            return names.containsKey(host) ? names.get(host) : ports.get(port);
        }

        private String timeout(Found f) {
            if (mentionsCall(f.call(), Rules.TIMEOUT_CALLS)) {
                return "in the call";
            }
            if (mentionsCall(f.in(), Rules.TIMEOUT_CALLS)) {
                return "in " + name(f.in()) + ", the calling method";
            }
            if (f.var() != null) {
                for (Node n : f.var().builtIn()) {
                    if (mentionsCall(n, Rules.TIMEOUT_CALLS)) {
                        return "where the client is built (" + where(n) + ")";
                    }
                }
            }
            return moduleTimeout;
        }

        /** A timeout in client code elsewhere in the module (a customizer, a request factory) or in its settings. */
        private String moduleTimeout() {
            for (CallableDeclaration<?> c : callables) {
                boolean clientCode = nodes(c).stream().anyMatch(n -> n instanceof ClassOrInterfaceType t
                        && (isClient(t.getNameWithScope()) || t.getNameAsString().endsWith("RequestFactory")
                        || t.getNameAsString().endsWith("Customizer")));
                if (clientCode && mentionsCall(c, Rules.TIMEOUT_CALLS)) {
                    return "in the module, not tied to this client (" + where(c) + ")";
                }
            }
            for (Setting s : settings) {
                String key = s.key().toLowerCase(Locale.ROOT);
                if (key.contains("timeout") && Rules.TIMEOUT_PROPERTY_PREFIXES.stream().anyMatch(key::startsWith)) {
                    return "in the module's configuration, not tied to this client (" + s.file() + ":"
                            + s.value().line() + " " + s.key() + ")";
                }
            }
            return null;
        }

        private String breaker(Found f, List<CallableDeclaration<?>> around) {
            if (mentions(f.call(), Rules.BREAKER_NAMES)) {
                return "in the call";
            }
            for (CallableDeclaration<?> c : around) {
                // In the call's own method, a breaker anywhere counts; in a caller, only one around what it calls.
                if (c == f.in() ? mentions(c, Rules.BREAKER_NAMES) : guards(c, around)) {
                    return "in " + name(c) + " (" + where(c) + ")";
                }
                Optional<TypeDeclaration> type = c.findAncestor(TypeDeclaration.class);
                if (type.isPresent() && ((TypeDeclaration<?>) type.get()).getAnnotations().stream()
                        .anyMatch(a -> Rules.BREAKER_NAMES.contains(simple(a.getNameAsString())))) {
                    return "on class " + type.get().getNameAsString() + " (" + where(type.get()) + ")";
                }
            }
            if (f.var() != null && f.var().builtIn().stream().anyMatch(n -> mentions(n, Rules.BREAKER_NAMES))) {
                return "where the client is built";
            }
            // The call as a lambda handed to a method of the module that runs it through a breaker: call(() -> ...).
            for (Node n = f.call(); n != null && n != f.in(); n = n.getParentNode().orElse(null)) {
                if (n instanceof LambdaExpr lambda && lambda.getParentNode().orElse(null) instanceof MethodCallExpr wrapper
                        && wrapper.getArguments().contains(lambda)) {
                    for (CallableDeclaration<?> c : resolve(wrapper)) {
                        if (mentions(c, Rules.BREAKER_NAMES)) {
                            return "in " + name(c) + ", which runs it (" + where(c) + ")";
                        }
                    }
                }
            }
            // Settings that turn Feign's breaker on wrap every call of every Feign client in one.
            return f.feign().flatMap(a -> feignBreaker()).map(setting -> "Feign's circuit breaker (" + setting + ")")
                    .orElse(null);
        }

        /** The setting that turns Feign's circuit breaker on for the module, if one does. */
        private Optional<String> feignBreaker() {
            return Rules.FEIGN_BREAKER_SETTINGS.stream().filter(k -> "true".equals(config.get(k))).findFirst();
        }

        /**
         * Whether a caller runs what leads to the call through a breaker: a breaker annotation on the caller; or, on
         * the chain of operators applied to that call's result, an argument naming a breaker
         * ({@code .transformDeferred(CircuitBreakerOperator.of(cb))}) or a lambda that hands its parameter, the
         * result, to one ({@code .transform(it -> cb.run(it, fallback))}). A breaker elsewhere in the caller guards
         * something else (petclinic's gateway guards the visits it asks for inside a flatMap of the owner it asked for).
         */
        private boolean guards(CallableDeclaration<?> caller, List<CallableDeclaration<?>> leadingToCall) {
            if (caller.getAnnotations().stream().anyMatch(a -> Rules.BREAKER_NAMES.contains(simple(a.getNameAsString())))) {
                return true;
            }
            for (MethodCallExpr m : caller.findAll(MethodCallExpr.class)) {
                if (resolve(m).stream().noneMatch(leadingToCall::contains)) {
                    continue;
                }
                for (Node n = m; n.getParentNode().orElse(null) instanceof MethodCallExpr outer
                        && outer.getScope().orElse(null) == n; n = outer) {
                    for (Expression argument : outer.getArguments()) {
                        if (argument instanceof LambdaExpr lambda ? handsOnToBreaker(lambda)
                                : mentions(argument, Rules.BREAKER_NAMES)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Whether a lambda passes its parameter to a call on a breaker: {@code it -> cb.run(it, ...)}. */
        private boolean handsOnToBreaker(LambdaExpr lambda) {
            return breakerCall(lambda).isPresent();
        }

        /** The call on a breaker a lambda hands its parameter to: {@code cb.run(it, fallback)}. */
        private Optional<MethodCallExpr> breakerCall(LambdaExpr lambda) {
            Set<String> parameters = new java.util.HashSet<>();
            lambda.getParameters().forEach(p -> parameters.add(p.getNameAsString()));
            return lambda.getBody().findAll(MethodCallExpr.class).stream().filter(call -> call.getArguments().stream()
                    .anyMatch(a -> a instanceof NameExpr x && parameters.contains(x.getNameAsString()))
                    && (mentions(call, Rules.BREAKER_NAMES) || call.getScope().filter(NameExpr.class::isInstance)
                            .map(scope -> variable(((NameExpr) scope).getNameAsString(), call))
                            .filter(v -> Rules.BREAKER_NAMES.contains(simple(v.type()))).isPresent())).findFirst();
        }

        /** A Feign client's fallback: it runs only behind Feign's breaker, when settings turn that on. */
        private String feignFallback(Found f) {
            return f.feign().flatMap(a -> attribute(a, "fallback").or(() -> attribute(a, "fallbackFactory")))
                    .flatMap(x -> feignBreaker().map(setting -> "the Feign client's fallback " + x)).orElse(null);
        }

        private String fallback(Found f, List<CallableDeclaration<?>> around) {
            for (MethodCallExpr m : f.call().findAll(MethodCallExpr.class)) {
                if (Rules.FALLBACK_CALLS.contains(m.getNameAsString())) {
                    return m.getNameAsString() + " in the call";
                }
            }
            for (Node n = f.call(); n != null && n != f.in(); n = n.getParentNode().orElse(null)) {
                if (n instanceof TryStmt t && t.getTryBlock().isAncestorOf(f.call())) {
                    for (CatchClause c : t.getCatchClauses()) {
                        if (answers(c.getBody())) {
                            return "a catch that answers (" + f.unit().file() + ":" + line(c) + ")";
                        }
                    }
                }
            }
            for (CallableDeclaration<?> c : around) {
                for (AnnotationExpr a : c.getAnnotations()) {
                    Optional<Expression> method = attribute(a, "fallbackMethod");
                    if (method.isPresent()) {
                        return "fallbackMethod " + text(method.get()) + " of " + name(c);
                    }
                }
                // A breaker a caller hands the call's result to, with a fallback: cb.run(it, throwable -> ...).
                boolean withFallback = c != f.in() && c.findAll(LambdaExpr.class).stream().map(this::breakerCall)
                        .flatMap(Optional::stream).anyMatch(call -> call.getArguments().size() >= 2)
                        && guards(c, around);
                if (withFallback) {
                    return "the breaker's fallback in " + name(c);
                }
            }
            return feignFallback(f);
        }

        /** A catch block that answers something rather than only rethrowing. */
        private static boolean answers(BlockStmt body) {
            return body.getStatements().isEmpty()
                    || !(body.getStatements().getLast().orElseThrow() instanceof ThrowStmt);
        }

        // ---- the cheap call graph

        private List<CallableDeclaration<?>> callees(Node body) {
            List<CallableDeclaration<?>> out = new ArrayList<>();
            body.findAll(MethodCallExpr.class).forEach(call -> out.addAll(resolve(call)));
            return out;
        }

        /** The module's methods a call may land on, by name: on this type, or on the declared type of its receiver. */
        private List<CallableDeclaration<?>> resolve(MethodCallExpr call) {
            List<TypeDeclaration<?>> owners = new ArrayList<>();
            Expression scope = call.getScope().orElse(null);
            if (scope == null || scope.isThisExpr()) {
                call.findAncestor(TypeDeclaration.class).ifPresent(t -> owners.add((TypeDeclaration<?>) t));
            } else if (scope instanceof NameExpr n) {
                Var v = variable(n.getNameAsString(), n);
                owners.addAll(typesAndImplementations(v != null ? simple(v.type()) : n.getNameAsString()));
            } else if (scope instanceof FieldAccessExpr f && f.getScope().isThisExpr()) {
                Var v = variable(f.getNameAsString(), f);
                if (v != null) {
                    owners.addAll(typesAndImplementations(simple(v.type())));
                }
            }
            List<CallableDeclaration<?>> out = new ArrayList<>();
            owners.forEach(t -> out.addAll(t.getMethodsByName(call.getNameAsString())));
            return out;
        }

        private List<TypeDeclaration<?>> typesAndImplementations(String name) {
            List<TypeDeclaration<?>> out = new ArrayList<>(types.getOrDefault(name, List.of()));
            for (List<TypeDeclaration<?>> sameName : types.values()) {
                for (TypeDeclaration<?> t : sameName) {
                    List<ClassOrInterfaceType> supers = new ArrayList<>();
                    if (t instanceof NodeWithImplements<?> i) {
                        supers.addAll(i.getImplementedTypes());
                    }
                    if (t instanceof NodeWithExtends<?> e) {
                        supers.addAll(e.getExtendedTypes());
                    }
                    if (supers.stream().anyMatch(s -> s.getNameAsString().equals(name)) && !out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        /** Everything reachable from {@code start} (included), {@link Rules#CALL_GRAPH_DEPTH} calls deep. */
        private Set<CallableDeclaration<?>> reach(Collection<? extends CallableDeclaration<?>> start) {
            return walk(start, callees);
        }

        /** The method and the module's methods that call it, {@link Rules#CALL_GRAPH_DEPTH} calls up. */
        private Set<CallableDeclaration<?>> reachBack(CallableDeclaration<?> method) {
            return walk(List.of(method), callers);
        }

        private static Set<CallableDeclaration<?>> walk(
                Collection<? extends CallableDeclaration<?>> start,
                Map<CallableDeclaration<?>, List<CallableDeclaration<?>>> edges) {
            Set<CallableDeclaration<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Deque<CallableDeclaration<?>> level = new ArrayDeque<>(start);
            seen.addAll(start);
            for (int depth = 0; depth < Rules.CALL_GRAPH_DEPTH && !level.isEmpty(); depth++) {
                Deque<CallableDeclaration<?>> next = new ArrayDeque<>();
                for (CallableDeclaration<?> c : level) {
                    for (CallableDeclaration<?> d : edges.getOrDefault(c, List.of())) {
                        if (seen.add(d)) {
                            next.add(d);
                        }
                    }
                }
                level = next;
            }
            return seen;
        }

        /** What a name means where it is used: a lambda or method parameter, a local, a field, a record component. */
        private Var variable(String name, Node at) {
            for (Node n = at.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof LambdaExpr l) {
                    for (Parameter p : l.getParameters()) {
                        if (p.getNameAsString().equals(name)) {
                            return new Var(p.getType().isUnknownType() ? "" : typeName(p.getType(), null), p,
                                    List.of(), List.of());
                        }
                    }
                }
                if (n instanceof CallableDeclaration<?> c) {
                    for (Parameter p : c.getParameters()) {
                        if (p.getNameAsString().equals(name)) {
                            return new Var(typeName(p.getType(), null), p, List.of(), List.of());
                        }
                    }
                    for (VariableDeclarator v : c.findAll(VariableDeclarator.class)) {
                        if (v.getNameAsString().equals(name)) {
                            List<Expression> values = new ArrayList<>();
                            v.getInitializer().ifPresent(values::add);
                            values.addAll(assignments(c, name, false));
                            return new Var(typeName(v.getType(), v.getInitializer().orElse(null)), v, values,
                                    List.of(c));
                        }
                    }
                }
                if (n instanceof TypeDeclaration<?> t) {
                    Optional<FieldDeclaration> field = t.getFieldByName(name);
                    if (field.isPresent()) {
                        VariableDeclarator v = field.get().getVariables().stream()
                                .filter(x -> x.getNameAsString().equals(name)).findFirst().orElseThrow();
                        List<Expression> values = new ArrayList<>();
                        v.getInitializer().ifPresent(values::add);
                        List<Expression> assigned = assignments(t, name, true);
                        values.addAll(assigned);
                        List<Node> builtIn = new ArrayList<>();
                        builtIn.add(field.get());
                        assigned.forEach(x -> x.findAncestor(CallableDeclaration.class).ifPresent(builtIn::add));
                        return new Var(typeName(v.getType(), v.getInitializer().orElse(null)), field.get(), values,
                                builtIn);
                    }
                    if (t instanceof RecordDeclaration r) {
                        for (Parameter p : r.getParameters()) {
                            if (p.getNameAsString().equals(name)) {
                                return new Var(typeName(p.getType(), null), p, List.of(), List.of());
                            }
                        }
                    }
                }
            }
            return null;
        }

        private static List<Expression> assignments(Node scope, String name, boolean field) {
            List<Expression> out = new ArrayList<>();
            for (AssignExpr a : scope.findAll(AssignExpr.class)) {
                Expression target = a.getTarget();
                boolean same = target instanceof NameExpr n && n.getNameAsString().equals(name)
                        || field && target instanceof FieldAccessExpr f && f.getScope().isThisExpr()
                        && f.getNameAsString().equals(name);
                if (same) {
                    out.add(a.getValue());
                }
            }
            return out;
        }

        private static String typeName(Type type, Expression initializer) {
            if (type.isVarType()) {
                if (initializer instanceof ObjectCreationExpr o) {
                    return o.getType().getNameWithScope();
                }
                Expression root = initializer;
                while (root instanceof MethodCallExpr m && m.getScope().isPresent()) {
                    root = m.getScope().get();
                }
                return root instanceof NameExpr n && Character.isUpperCase(n.getNameAsString().charAt(0))
                        ? n.getNameAsString() : "";
            }
            return type.isClassOrInterfaceType() ? type.asClassOrInterfaceType().getNameWithScope() : type.asString();
        }

        // ---- sign 6's coordination: XA/JTA, distributed locks, two-phase commit

        private void coordination(RemoteCalls model) {
            for (Unit u : units) {
                for (ImportDeclaration i : u.cu().getImports()) {
                    String name = i.getNameAsString();
                    String kind = Rules.XA_IMPORTS.stream().anyMatch(name::startsWith) ? "XA/JTA"
                            : Rules.LOCK_IMPORTS.stream().anyMatch(name::startsWith) ? "distributed lock" : null;
                    if (kind != null) {
                        model.coordination.add(new Coordination(component, u.file(), line(i), kind,
                                component.name() + ": " + kind + ", imports " + name));
                    }
                }
                for (Node n : nodes(u.cu())) {
                    String text = n instanceof StringLiteralExpr s ? s.asString()
                            : n instanceof TextBlockLiteralExpr b ? b.asString() : null;
                    if (text != null && Rules.TWO_PHASE_COMMIT_SQL.stream()
                            .anyMatch(sql -> text.toUpperCase(Locale.ROOT).contains(sql))) {
                        model.coordination.add(new Coordination(component, u.file(), line(n), "two-phase commit",
                                component.name() + ": two-phase commit in SQL"));
                    }
                }
            }
        }

        // ---- what one run of a handler can do: the services it waits on (sign 1), the remote writes it makes (sign 6)

        /**
         * The group of {@code calls} that can all run in one run of {@code handler} and scores most (how many calls,
         * how many services), each group grown greedily from one call in source order (a handler makes a few remote
         * calls: pairs are checked, not every subset).
         */
        private List<Found> together(CallableDeclaration<?> handler, List<Found> calls,
                                     java.util.function.ToLongFunction<List<Found>> score) {
            List<Found> best = List.of();
            for (int i = 0; i < calls.size(); i++) {
                List<Found> group = new ArrayList<>(List.of(calls.get(i)));
                for (Found w : calls.subList(i + 1, calls.size())) {
                    if (group.stream().allMatch(g -> together(handler, g, w, 0))) {
                        group.add(w);
                    }
                }
                best = score.applyAsLong(group) > score.applyAsLong(best) ? group : best;
            }
            return best;
        }

        /**
         * Whether one run of {@code method} can make both calls. Each is reached through a call of the method (or is
         * one): two different such calls can both run unless they sit in exclusive branches; one call leading to both
         * is looked into. What cannot be told (too deep, not found) counts as both running: the sign stays present.
         */
        private boolean together(CallableDeclaration<?> method, Found a, Found b, int depth) {
            List<MethodCallExpr> toA = leadingTo(method, a);
            List<MethodCallExpr> toB = leadingTo(method, b);
            if (depth > Rules.CALL_GRAPH_DEPTH || toA.isEmpty() || toB.isEmpty()) {
                return true;
            }
            for (MethodCallExpr x : toA) {
                for (MethodCallExpr y : toB) {
                    boolean both = x != y ? !Branches.exclusive(x, y, method)
                            // One call leads to both: run in a loop, it may make each once; else look inside it.
                            : Branches.repeats(x, method) || resolve(x).stream().anyMatch(c -> reachesFrom(c).contains(a.in())
                                    && reachesFrom(c).contains(b.in()) && together(c, a, b, depth + 1));
                    if (both) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The calls in {@code method} that are the call site {@code f}, or lead to the method it is in. */
        private List<MethodCallExpr> leadingTo(CallableDeclaration<?> method, Found f) {
            return method.findAll(MethodCallExpr.class).stream().filter(call -> call == f.call()
                    || resolve(call).stream().anyMatch(c -> reachesFrom(c).contains(f.in()))).toList();
        }

        private final Map<CallableDeclaration<?>, Set<CallableDeclaration<?>>> reachable = new IdentityHashMap<>();

        private Set<CallableDeclaration<?>> reachesFrom(CallableDeclaration<?> c) {
            return reachable.computeIfAbsent(c, k -> reach(List.of(k)));
        }

        // ---- small helpers

        private String where(Node n) {
            Node root = n.findRootNode();
            String file = units.stream().filter(u -> u.cu() == root).map(Unit::file).findFirst().orElse("");
            return file.substring(file.lastIndexOf('/') + 1) + ":" + line(n);
        }
    }

    private static String name(CallableDeclaration<?> c) {
        String type = c.findAncestor(TypeDeclaration.class).map(t -> ((TypeDeclaration<?>) t).getNameAsString())
                .orElse("");
        return c.isConstructorDeclaration() ? "new " + type : type + "." + c.getNameAsString();
    }

    private static int line(Node n) {
        if (n instanceof CallableDeclaration<?> c) {
            return c.getName().getBegin().map(p -> p.line).orElse(0);
        }
        return n.getBegin().map(p -> p.line).orElse(0);
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch) && !out.isEmpty()) {
                out.append('-');
            }
            out.append(Character.toLowerCase(ch));
        }
        return out.toString();
    }

    private static List<Node> nodes(Node root) {
        List<Node> out = new ArrayList<>();
        root.walk(out::add);
        return out;
    }

    /** Whether a call named one of {@code names} is made within {@code root}. */
    private static boolean mentionsCall(Node root, Set<String> names) {
        return root.findAll(MethodCallExpr.class).stream().anyMatch(m -> names.contains(m.getNameAsString()));
    }

    /** Whether a call, a name, a type or an annotation within {@code root} is one of {@code names}. */
    private static boolean mentions(Node root, Set<String> names) {
        for (Node n : nodes(root)) {
            String name = n instanceof MethodCallExpr m ? m.getNameAsString()
                    : n instanceof NameExpr x ? x.getNameAsString()
                    : n instanceof ClassOrInterfaceType t ? t.getNameAsString()
                    : n instanceof AnnotationExpr a ? simple(a.getNameAsString()) : null;
            if (name != null && names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<AnnotationExpr> annotation(NodeWithAnnotations<?> node, String simpleName) {
        return node.getAnnotations().stream().filter(a -> simple(a.getNameAsString()).equals(simpleName)).findFirst();
    }

    private static Optional<Expression> attribute(AnnotationExpr a, String name) {
        if (a instanceof SingleMemberAnnotationExpr s) {
            return name.equals("value") ? Optional.of(s.getMemberValue()) : Optional.empty();
        }
        if (a instanceof NormalAnnotationExpr n) {
            return n.getPairs().stream().filter(p -> p.getNameAsString().equals(name)).map(p -> p.getValue())
                    .findFirst();
        }
        return Optional.empty();
    }

    /** A string literal's value; otherwise the expression as written. */
    private static String text(Expression e) {
        return e instanceof StringLiteralExpr s ? s.asString() : e.toString();
    }
}
