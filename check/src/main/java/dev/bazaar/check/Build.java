package dev.bazaar.check;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.Node;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * The Maven modules of a repository, read from its root {@code pom.xml} down its {@code <modules>}. A module that is
 * aggregated but inherits from nothing in the build (its parent is neither the root nor another module) is a separate
 * system kept in the same tree (Bazaar's {@code samples/distributed-monolith}); it and its own modules are left out,
 * and listed in {@link #separateBuilds()}.
 */
public final class Build {

    /** A dependency of a module: coordinates and scope ({@code compile} when none is given). */
    public record Dep(String key, String scope) {
    }

    /**
     * One module.
     *
     * @param key     groupId:artifactId
     * @param dir     its directory
     * @param buildFile its pom.xml or build.gradle[.kts]
     * @param service whether it is a deployable application
     * @param why     why it is a service (the evidence), empty for a library
     */
    public record Module(String key, String artifactId, Path dir, Path buildFile, List<Dep> dependencies, boolean service,
                         Evidence why) {

        public Path mainJava() {
            return dir.resolve("src/main/java");
        }

        /** Its {@code application.properties|yml|yaml} in {@code src/main/resources}, each flattened, with lines. */
        Map<Path, Map<String, Yaml.Value>> springConfig() {
            Map<Path, Map<String, Yaml.Value>> out = new LinkedHashMap<>();
            Path resources = dir.resolve("src/main/resources");
            for (String name : List.of("application.properties", "application.yml", "application.yaml")) {
                Path file = resources.resolve(name);
                if (Files.isRegularFile(file)) {
                    out.put(file, springSettings(file));
                }
            }
            return out;
        }
    }

    private final Path root;
    private final Map<String, Module> modules;
    private final List<Path> separateBuilds;
    private Map<String, String> owners; // module key -> the service owning it, computed when first asked

    private Build(Path root, Map<String, Module> modules, List<Path> separateBuilds) {
        this.root = root;
        this.modules = modules;
        this.separateBuilds = separateBuilds;
    }

    /** Reads the Maven build at {@code root}, or else its Gradle build; empty when it has neither. */
    public static Optional<Build> read(Path repository) {
        Path root = repository.toAbsolutePath().normalize();
        Map<String, Module> modules = new LinkedHashMap<>();
        List<Path> separate = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            collect(root, root, null, modules, separate);
        } else if (GradleBuild.script(root, "settings.gradle").or(() -> GradleBuild.script(root, "build.gradle"))
                .isPresent()) {
            modules.putAll(GradleBuild.read(root, separate));
        } else {
            return Optional.empty();
        }
        return Optional.of(new Build(root, modules, separate));
    }

    public Path root() {
        return root;
    }

    public List<Module> modules() {
        return List.copyOf(modules.values());
    }

    public List<Module> services() {
        return modules.values().stream().filter(Module::service).toList();
    }

    public Optional<Module> module(String key) {
        return Optional.ofNullable(modules.get(key));
    }

    /**
     * The library modules a service alone uses at run time (directly or through others): the rest of its own code, as
     * where a service is cut into modules ({@code customer-service-domain}, {@code -persistence}, {@code -main}) and
     * only one of them builds the application. A module two services use is a shared library, not either's code.
     */
    public List<Module> ownedBy(Module service) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (Module s : services()) {
            reached(s).forEach(key -> users.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(s.key()));
        }
        return reached(service).stream().map(modules::get)
                .filter(m -> !m.service() && users.get(m.key()).equals(Set.of(service.key()))).toList();
    }

    /**
     * The names a deployment may run each service by, and the service's artifactId: the artifactId itself, and its
     * {@code spring.application.name} (eventuate's {@code customer-service-main} runs as {@code customer-service}).
     */
    public Map<String, String> serviceNames() {
        Map<String, String> names = new LinkedHashMap<>();
        services().forEach(s -> names.put(s.artifactId(), s.artifactId()));
        for (Module s : services()) {
            s.springConfig().values().stream().map(config -> config.get("spring.application.name"))
                    .filter(java.util.Objects::nonNull).map(Yaml.Value::text)
                    .filter(name -> !name.isBlank() && !name.contains("${")).findFirst()
                    .ifPresent(name -> names.putIfAbsent(name, s.artifactId()));
        }
        return names;
    }

    /** The service whose code a module is: itself, or the one service that owns it ({@link #ownedBy}); else empty. */
    public Optional<String> shippedBy(Module module) {
        if (owners == null) {
            Map<String, String> found = new LinkedHashMap<>();
            services().forEach(service -> ownedBy(service).forEach(m -> found.put(m.key(), service.artifactId())));
            owners = found;
        }
        return module.service() ? Optional.of(module.artifactId()) : Optional.ofNullable(owners.get(module.key()));
    }

    /** The Java files of a module's {@code src/main/java}; a service's include those of the modules it owns. */
    public List<Path> mainJavaFiles(Module module) {
        List<Path> files = new ArrayList<>(javaFiles(module.mainJava()));
        if (module.service()) {
            ownedBy(module).forEach(owned -> files.addAll(javaFiles(owned.mainJava())));
        }
        return files;
    }

    /** The modules of the build a module reaches through dependencies outside the test scope. */
    private Set<String> reached(Module from) {
        Set<String> reached = new java.util.LinkedHashSet<>();
        java.util.Deque<Module> todo = new java.util.ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (Dep d : todo.poll().dependencies()) {
                if (!"test".equals(d.scope()) && modules.containsKey(d.key()) && !d.key().equals(from.key())
                        && reached.add(d.key())) {
                    todo.add(modules.get(d.key()));
                }
            }
        }
        return reached;
    }

    /**
     * The same build with these services left out (no longer services), each with the reason, as
     * {@link #platformModules()} lists them.
     */
    public Build without(Set<String> services, String reason) {
        Map<String, Module> kept = new LinkedHashMap<>();
        modules.forEach((key, m) -> kept.put(key, services.contains(m.artifactId()) && m.service()
                ? new Module(m.key(), m.artifactId(), m.dir(), m.buildFile(), m.dependencies(), false,
                        new Evidence(relative(m.buildFile()), 0, reason)) : m));
        return new Build(root, kept, separateBuilds);
    }

    /** Deployables of the platform rather than of the business: config servers, registries, admin servers. */
    public List<Module> platformModules() {
        return modules.values().stream().filter(m -> !m.service() && m.why() != null).toList();
    }

    public List<Path> separateBuilds() {
        return List.copyOf(separateBuilds);
    }

    public String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static void collect(Path root, Path dir, Set<String> buildKeys, Map<String, Module> modules,
                                List<Path> separate) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return;
        }
        Model model = model(pom);
        String groupId = model.getGroupId() != null ? model.getGroupId()
                : model.getParent() != null ? model.getParent().getGroupId() : "";
        String key = groupId + ":" + model.getArtifactId();
        if (buildKeys != null) {
            String parent = model.getParent() == null ? null
                    : model.getParent().getGroupId() + ":" + model.getParent().getArtifactId();
            if (parent == null || !buildKeys.contains(parent)) {
                separate.add(dir);
                return;
            }
        }
        List<Dep> deps = new ArrayList<>();
        for (Dependency d : model.getDependencies()) {
            String g = d.getGroupId().replace("${project.groupId}", groupId);
            deps.add(new Dep(g + ":" + d.getArtifactId(), d.getScope() == null ? "compile" : d.getScope()));
        }
        // An aggregator (packaging pom) builds nothing to run, whatever plugins it configures for its modules; a
        // config server, a registry or an admin server runs, but is the platform's, not a business service.
        Evidence why = "pom".equals(model.getPackaging()) ? null : whyService(root, dir, pom, model);
        Optional<String> platform = deps.stream().map(d -> d.key().substring(d.key().indexOf(':') + 1))
                .filter(a -> Rules.PLATFORM_DEPENDENCIES.stream().anyMatch(a::startsWith)).findFirst();
        if (why != null && platform.isPresent()) {
            why = new Evidence(rel(root, pom), line(pom, platform.get()), "platform infrastructure: depends on "
                    + platform.get());
            modules.put(key, new Module(key, model.getArtifactId(), dir, pom, deps, false, why));
        } else {
            modules.put(key, new Module(key, model.getArtifactId(), dir, pom, deps, why != null, why));
        }
        Set<String> keys = new java.util.HashSet<>(modules.keySet());
        for (String m : model.getModules()) {
            collect(root, dir.resolve(m).normalize(), keys, modules, separate);
            keys.addAll(modules.keySet());
        }
    }

    private static Evidence whyService(Path root, Path dir, Path pom, Model model) {
        if (model.getBuild() != null) {
            for (Plugin p : model.getBuild().getPlugins()) {
                if ("spring-boot-maven-plugin".equals(p.getArtifactId())) {
                    return new Evidence(rel(root, pom), line(pom, "spring-boot-maven-plugin"),
                            "builds an executable jar with spring-boot-maven-plugin");
                }
            }
        }
        return springBootApplication(root, dir);
    }

    /**
     * The Spring Boot application class in a module's main sources, as evidence; null when it has none: one annotated
     * {@code @SpringBootApplication}, or one whose {@code main} runs {@code SpringApplication.run} (FTGO's
     * {@code @EnableAutoConfiguration} classes, built by a convention plugin in {@code buildSrc}).
     */
    static Evidence springBootApplication(Path root, Path dir) {
        Evidence runs = null;
        for (Path file : javaFiles(dir.resolve("src/main/java"))) {
            Optional<CompilationUnit> unit = parse(file);
            if (unit.isEmpty()) {
                continue;
            }
            for (TypeDeclaration<?> type : unit.get().getTypes()) {
                if (type.isAnnotationPresent("SpringBootApplication")) {
                    return new Evidence(rel(root, file), type.getBegin().map(p -> p.line).orElse(0),
                            "@SpringBootApplication " + type.getNameAsString());
                }
                boolean main = runs == null && type.getMethodsByName("main").stream().anyMatch(m -> m.isStatic()
                        && m.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class).stream().anyMatch(call ->
                                call.getNameAsString().equals("run") && call.getScope().map(Object::toString)
                                        .filter(scope -> scope.endsWith("SpringApplication")).isPresent()));
                if (main) {
                    runs = new Evidence(rel(root, file), type.getBegin().map(p -> p.line).orElse(0),
                            type.getNameAsString() + ".main runs SpringApplication.run");
                }
            }
        }
        return runs;
    }

    /**
     * A Spring settings file flattened: a properties file, or the documents of a YAML file that apply without a
     * profile ({@code spring.config.activate.on-profile} or the older {@code spring.profiles}), later ones winning.
     */
    static Map<String, Yaml.Value> springSettings(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        if (file.toString().endsWith(".properties")) {
            return SharedDatabase.properties(file);
        }
        Map<String, Yaml.Value> out = new LinkedHashMap<>();
        try {
            for (Node doc : Yaml.documents(Files.readString(file))) {
                Map<String, Yaml.Value> flat = Yaml.flatten(doc);
                if (flat.keySet().stream().noneMatch(k -> k.startsWith("spring.config.activate.on-profile")
                        || k.equals("spring.profiles") || k.startsWith("spring.profiles["))) {
                    out.putAll(flat);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static Model model(Path pom) {
        try (Reader reader = Files.newBufferedReader(pom)) {
            return new MavenXpp3Reader().read(reader, false);
        } catch (IOException | XmlPullParserException e) {
            throw new Unreadable("cannot read " + pom, e);
        }
    }

    static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new Unreadable("cannot list " + dir, e);
        }
    }

    /**
     * A Java file, parsed; empty when it does not parse. Not kept: each sign parses what it reads again, since the
     * syntax trees of a large repository do not fit the launcher's 256 MB heap together.
     */
    static Optional<CompilationUnit> parse(Path file) {
        try {
            StaticJavaParser.getParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE);
            return Optional.of(StaticJavaParser.parse(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String rel(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /** The first line of a text file that contains {@code needle} (1-based), 0 when none does. */
    static int line(Path file, String needle) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return i + 1;
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
