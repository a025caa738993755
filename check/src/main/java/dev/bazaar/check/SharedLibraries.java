package dev.bazaar.check;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;

/** Sign 4, from the build: internal modules that several services depend on, technical or domain. */
public final class SharedLibraries {

    /** A type a shared module declares, and the business noun its name contains (null when none). */
    public record DeclaredType(String name, String file, int line, String noun) {
    }

    /** How a shared module is classified. */
    public enum Kind {
        TECHNICAL, MIXED, DOMAIN, NO_CODE, SERVICE_API,
        /** It maps the business's tables ({@link SharedDataModel}): domain code, whatever its type names say. */
        DATA_MODEL
    }

    /**
     * A module that two or more services use.
     *
     * @param runtime the services that reach it outside the test scope
     * @param testOnly the services that use it in tests only
     */
    public record Shared(Build.Module module, Set<String> runtime, Set<String> testOnly, List<DeclaredType> types,
                         Kind kind) {

        public List<DeclaredType> domainTypes() {
            return types.stream().filter(t -> t.noun() != null).toList();
        }
    }

    private SharedLibraries() {
    }

    public static SignResult analyse(Build build) {
        List<Shared> shared = find(build);
        List<Evidence> evidence = new ArrayList<>();
        Verdict verdict = Verdict.CLEAR;
        List<String> domain = new ArrayList<>();
        List<String> technical = new ArrayList<>();
        List<String> apis = new ArrayList<>();
        for (Shared s : shared) {
            String users = describeUsers(s);
            Build.Module m = s.module();
            String pom = build.relative(m.buildFile());
            switch (s.kind()) {
                case NO_CODE -> evidence.add(new Evidence(pom, 0, m.artifactId() + " (" + users
                        + "): no Java sources, only resources (a schema is a published language): no shared code"));
                case SERVICE_API -> {
                    verdict = verdict == Verdict.PRESENT ? verdict : Verdict.WARNING;
                    apis.add(m.artifactId());
                    evidence.add(new Evidence(pom, 0, m.artifactId() + " (" + users + "): the API of "
                            + owner(build, m, s).orElseThrow() + " as " + s.types().size() + " Java types; its users "
                            + "build against them and rebuild when they change"));
                }
                case TECHNICAL -> {
                    technical.add(m.artifactId());
                    evidence.add(new Evidence(pom, 0, m.artifactId() + " (" + users + "): allowed, technical; "
                            + s.types().size() + " types, none names a business noun"));
                }
                case DATA_MODEL -> {
                    verdict = s.runtime().isEmpty() && verdict != Verdict.PRESENT ? Verdict.WARNING : Verdict.PRESENT;
                    domain.add(m.artifactId());
                    evidence.add(new Evidence(pom, 0, m.artifactId() + " (" + users + "): a shared data model, "
                            + "domain code whatever its type names: it maps tables (sign 2 lists them)"));
                }
                case MIXED, DOMAIN -> {
                    boolean present = s.kind() == Kind.DOMAIN && !s.runtime().isEmpty();
                    Verdict v = present ? Verdict.PRESENT : Verdict.WARNING;
                    if (v.ordinal() > verdict.ordinal()) {
                        verdict = v;
                    }
                    if (s.kind() == Kind.DOMAIN) {
                        domain.add(m.artifactId());
                    } else {
                        technical.add(m.artifactId());
                    }
                    evidence.add(new Evidence(pom, 0, m.artifactId() + " (" + users + "): "
                            + (s.kind() == Kind.DOMAIN ? "domain module" : "technical, with domain-looking types")
                            + ", " + s.domainTypes().size() + " of " + s.types().size()
                            + " types name business nouns"));
                    for (DeclaredType t : s.domainTypes()) {
                        evidence.add(new Evidence(t.file(), t.line(), t.name() + " (business noun '" + t.noun()
                                + "')"));
                    }
                }
            }
        }
        String summary;
        if (shared.isEmpty()) {
            summary = "no module of the build is used by " + Rules.SHARED_LIBRARY_MIN_SERVICES + "+ of the "
                    + build.services().size() + " services";
        } else if (domain.isEmpty() && apis.isEmpty()) {
            summary = technical.isEmpty() ? "shared modules carry no code"
                    : "shared, technical only: " + String.join(", ", technical);
        } else {
            List<String> parts = new ArrayList<>();
            if (!domain.isEmpty()) {
                parts.add("shared domain module(s): " + String.join(", ", domain));
            }
            if (!apis.isEmpty()) {
                parts.add("services' APIs as shared Java types: " + String.join(", ", apis));
            }
            if (!technical.isEmpty()) {
                parts.add("technical: " + String.join(", ", technical));
            }
            summary = String.join("; ", parts);
        }
        return new SignResult(Sign.SHARED_LIBRARIES, verdict, Rules.sharedLibraryRule(), summary, evidence);
    }

    private static String describeUsers(Shared s) {
        StringBuilder b = new StringBuilder();
        if (!s.runtime().isEmpty()) {
            b.append("used by ").append(String.join(", ", s.runtime()));
        }
        if (!s.testOnly().isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ").append("in tests only by ").append(String.join(", ", s.testOnly()));
        }
        return b.toString();
    }

    /** The modules two or more services depend on, directly or through other modules of the build. */
    public static List<Shared> find(Build build) {
        Map<String, Set<String>> runtime = new TreeMap<>();
        Map<String, Set<String>> test = new TreeMap<>();
        for (Build.Module service : build.services()) {
            for (Map.Entry<String, Boolean> reached : reach(build, service).entrySet()) {
                (reached.getValue() ? test : runtime).computeIfAbsent(reached.getKey(), k -> new TreeSet<>())
                        .add(service.artifactId());
            }
        }
        Set<String> keys = new TreeSet<>(runtime.keySet());
        keys.addAll(test.keySet());
        DomainWords words = new DomainWords(Rules.BUSINESS_NOUNS,
                build.services().stream().map(Build.Module::artifactId).toList());
        List<Shared> shared = new ArrayList<>();
        for (String key : keys) {
            Set<String> rt = runtime.getOrDefault(key, Set.of());
            Set<String> to = new TreeSet<>(test.getOrDefault(key, Set.of()));
            to.removeAll(rt);
            if (rt.size() + to.size() < Rules.SHARED_LIBRARY_MIN_SERVICES) {
                continue;
            }
            Build.Module module = build.module(key).orElseThrow();
            List<DeclaredType> types = types(build, module, words);
            Shared candidate = new Shared(module, rt, to, types, classify(types));
            boolean api = !types.isEmpty() && owner(build, module, candidate).isPresent();
            boolean dataModel = SharedDataModel.mapped(build, module).stream().anyMatch(SharedDataModel.Mapped::table);
            shared.add(dataModel ? new Shared(module, rt, to, types, Kind.DATA_MODEL)
                    : api ? new Shared(module, rt, to, types, Kind.SERVICE_API) : candidate);
        }
        return shared;
    }

    /** The service whose own API a shared module is: it uses it, and the module is named after it. */
    static java.util.Optional<String> owner(Build build, Build.Module module, Shared shared) {
        return build.services().stream().map(Build.Module::artifactId)
                .filter(service -> shared.runtime().contains(service) || shared.testOnly().contains(service))
                .filter(service -> Rules.SERVICE_API_SUFFIXES.stream()
                        .anyMatch(suffix -> module.artifactId().startsWith(service + "-" + suffix)))
                .findFirst();
    }

    /** The rule of {@link Rules}: the share of domain-looking types decides. */
    static Kind classify(List<DeclaredType> types) {
        if (types.isEmpty()) {
            return Kind.NO_CODE;
        }
        long domain = types.stream().filter(t -> t.noun() != null).count();
        if (domain == 0) {
            return Kind.TECHNICAL;
        }
        return domain * 100 >= (long) Rules.DOMAIN_SHARE_PERCENT * types.size() ? Kind.DOMAIN : Kind.MIXED;
    }

    /** Internal modules a service reaches, each with whether only through test scope (true) or at run time. */
    private static Map<String, Boolean> reach(Build build, Build.Module service) {
        Map<String, Boolean> reached = new TreeMap<>();
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.add(new Object[] {service, false});
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Object[] next = todo.poll();
            Build.Module m = (Build.Module) next[0];
            boolean testOnly = (Boolean) next[1];
            for (Build.Dep d : m.dependencies()) {
                if (build.module(d.key()).isEmpty() || d.key().equals(service.key())) {
                    continue;
                }
                boolean viaTest = testOnly || "test".equals(d.scope());
                if (m != service && "test".equals(d.scope())) {
                    continue; // a dependency's own test dependencies are not passed on
                }
                Boolean before = reached.get(d.key());
                if (before == null || (before && !viaTest)) {
                    reached.put(d.key(), viaTest);
                }
                if (seen.add(d.key() + viaTest)) {
                    todo.add(new Object[] {build.module(d.key()).get(), viaTest});
                }
            }
        }
        return reached;
    }

    private static List<DeclaredType> types(Build build, Build.Module module, DomainWords words) {
        List<DeclaredType> types = new ArrayList<>();
        for (Path file : Build.javaFiles(module.mainJava())) {
            for (CompilationUnit unit : Build.parse(file).stream().toList()) {
                for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
                    String name = type.getNameAsString();
                    types.add(new DeclaredType(name, build.relative(file), type.getBegin().map(p -> p.line).orElse(0),
                            words.businessNoun(name).orElse(null)));
                }
            }
        }
        return types;
    }
}
