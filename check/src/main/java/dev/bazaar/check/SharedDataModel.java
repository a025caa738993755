package dev.bazaar.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;

/**
 * Sign 2, from the build: a shared data model. A library module of the build (no service) that 2+ services reach at
 * run time (any scope but test, directly or through other modules) and that declares persistence classes: classes
 * mapping a table or a collection ({@link Rules#TABLE_MAPPING_ANNOTATIONS}, an {@code <entity>} of JPA's
 * {@code orm.xml}), MyBatis mappers (an interface an XML mapper of the module names as its namespace), MyBatis
 * Generator's {@code *Example} criteria classes. The services then use the same tables through the same classes: that
 * is present. A module mapping only embeddables or mapped superclasses is noted, not counted
 * ({@link Rules#EMBEDDED_MAPPING_ANNOTATIONS} says why).
 */
public final class SharedDataModel {

    /** A persistence class a module declares: its name, the kind of mapping, whether it maps a table, and where. */
    record Mapped(String type, String kind, boolean table, Evidence where) {
    }

    /** The classes shown per kind of mapping, per module: the count says the rest. */
    private static final int SHOWN = 2;
    /** The elements of JPA's orm.xml that declare a persistence class, and how they are counted. */
    private static final Map<String, String> ORM_ELEMENTS = Map.of(
            "entity", "orm.xml entities", "embeddable", "orm.xml embeddables",
            "mapped-superclass", "orm.xml mapped superclasses");

    private SharedDataModel() {
    }

    public static SignResult analyse(Build build) {
        String rule = "data models: present when a library module that " + Rules.SHARED_DATABASE_MIN_SERVICES
                + "+ services reach at run time maps tables (JPA or Spring Data entities, MyBatis mappers or Generator "
                + "criteria); embeddables and mapped superclasses alone are noted, not counted";
        List<Evidence> evidence = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> shared : reached(build).entrySet()) {
            Build.Module module = build.module(shared.getKey()).orElseThrow();
            Map<String, String> services = shared.getValue();
            if (module.service() || module.why() != null || services.size() < Rules.SHARED_DATABASE_MIN_SERVICES) {
                continue;
            }
            List<Mapped> mapped = mapped(build, module);
            if (mapped.isEmpty()) {
                continue;
            }
            Map<String, List<Mapped>> byKind = new TreeMap<>();
            mapped.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m));
            List<String> counts = new ArrayList<>();
            byKind.forEach((kind, list) -> counts.add(list.size() + " " + kind));
            String finding = module.artifactId() + " (" + String.join(", ", services.keySet()) + ": "
                    + String.join(", ", counts) + ")";
            if (mapped.stream().noneMatch(Mapped::table)) {
                values.add(finding); // noted, not counted: see Rules.EMBEDDED_MAPPING_ANNOTATIONS
                continue;
            }
            tables.add(finding);
            evidence.add(new Evidence(build.relative(module.buildFile()), 0, module.artifactId()
                    + ": a shared data model, used at run time by " + String.join(", ", services.keySet()) + "; "
                    + String.join(", ", counts)));
            byKind.values().forEach(list -> list.stream().limit(SHOWN).forEach(m -> evidence.add(m.where())));
            services.forEach((service, via) -> {
                Build.Module s = build.services().stream().filter(m -> m.artifactId().equals(service)).findFirst()
                        .orElseThrow();
                String direct = build.module(via).map(Build.Module::artifactId).orElse(via);
                evidence.add(new Evidence(build.relative(s.buildFile()), line(s.buildFile(), direct), service
                        + " depends on " + direct + (direct.equals(module.artifactId()) ? ""
                        : ", which brings " + module.artifactId())));
            });
        }
        String note = values.isEmpty() ? "" : "; values mapped into each service's own tables, no table shared "
                + "(not counted): " + String.join("; ", values);
        if (!tables.isEmpty()) {
            return new SignResult(Sign.SHARED_DATABASE, Verdict.PRESENT, rule, "data models: shared: "
                    + String.join("; ", tables) + note, evidence);
        }
        return new SignResult(Sign.SHARED_DATABASE, Verdict.CLEAR, rule, "data models: no module shared by services "
                + "maps a table" + note, List.of());
    }

    /**
     * The modules of the build each service reaches outside the test scope: module key, then each service with the
     * direct dependency of its own that leads there (the line a person opens).
     */
    static Map<String, Map<String, String>> reached(Build build) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Build.Module service : build.services()) {
            Deque<String[]> todo = new ArrayDeque<>();
            runtime(build, service).forEach(d -> todo.add(new String[] {d, d}));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String[] next = todo.poll();
                if (next[0].equals(service.key()) || !seen.add(next[0])) {
                    continue;
                }
                out.computeIfAbsent(next[0], k -> new TreeMap<>()).put(service.artifactId(), next[1]);
                runtime(build, build.module(next[0]).orElseThrow()).forEach(d -> todo.add(new String[] {d, next[1]}));
            }
        }
        return out;
    }

    /** A module's dependencies on modules of the build, the test scope left out (not there at run time). */
    private static List<String> runtime(Build build, Build.Module module) {
        return module.dependencies().stream().filter(d -> !"test".equals(d.scope()))
                .map(Build.Dep::key).filter(k -> build.module(k).isPresent()).toList();
    }

    /** The persistence classes a module declares, in its Java sources and its XML mappings. */
    static List<Mapped> mapped(Build build, Build.Module module) {
        List<Mapped> out = new ArrayList<>();
        Map<String, Evidence> mappers = new LinkedHashMap<>();
        for (Path xml : xmlFiles(module.dir().resolve("src/main"))) {
            xml(build, xml, mappers, out);
        }
        for (Path file : Build.javaFiles(module.mainJava())) {
            Optional<CompilationUnit> unit = Build.parse(file);
            if (unit.isEmpty()) {
                continue;
            }
            String where = build.relative(file);
            String pkg = unit.get().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
            for (TypeDeclaration<?> type : unit.get().getTypes()) {
                String name = type.getNameAsString();
                int line = type.getBegin().map(p -> p.line).orElse(0);
                Optional<String> annotation = persistence(unit.get(), type);
                if (annotation.isPresent()) {
                    boolean table = Rules.TABLE_MAPPING_ANNOTATIONS.contains(annotation.get());
                    out.add(new Mapped(name, "@" + annotation.get(), table, new Evidence(where, line, name + ": @"
                            + annotation.get() + (table ? ", maps a table" : ", mapped into the tables of others"))));
                } else if (type.isClassOrInterfaceDeclaration() && type.asClassOrInterfaceDeclaration().isInterface()
                        && mappers.containsKey(pkg + name)) {
                    Evidence xml = mappers.get(pkg + name);
                    out.add(new Mapped(name, "MyBatis mappers", true, new Evidence(where, line, name
                            + ": a MyBatis mapper, its SQL in " + xml.location())));
                } else if (name.endsWith("Example") && type.getMembers().stream().anyMatch(m ->
                        m instanceof ClassOrInterfaceDeclaration c && c.getNameAsString().endsWith("Criteria"))) {
                    // MyBatis Generator writes one per table: the criteria of its queries, column by column.
                    out.add(new Mapped(name, "MyBatis Generator criteria classes", true, new Evidence(where, line, name
                            + ": MyBatis Generator's query criteria on the table of " + name.substring(0, name.length()
                            - "Example".length()))));
                }
            }
        }
        return out;
    }

    /** The persistence annotation on a type, if any; MapStruct's {@code @Mapper} maps objects, not tables. */
    private static Optional<String> persistence(CompilationUnit unit, TypeDeclaration<?> type) {
        for (AnnotationExpr a : type.getAnnotations()) {
            String simple = a.getName().getIdentifier();
            boolean mapstruct = a.getNameAsString().startsWith("org.mapstruct") || unit.getImports().stream()
                    .anyMatch(i -> i.getNameAsString().equals("org.mapstruct." + simple)
                            || i.isAsterisk() && i.getNameAsString().equals("org.mapstruct"));
            if (!mapstruct && (Rules.TABLE_MAPPING_ANNOTATIONS.contains(simple)
                    || Rules.EMBEDDED_MAPPING_ANNOTATIONS.contains(simple))) {
                return Optional.of(simple);
            }
        }
        return Optional.empty();
    }

    /**
     * A MyBatis XML mapper (its namespace, the interface it maps, into {@code mappers}) or JPA's {@code orm.xml} (its
     * entities and embeddables, into {@code out}); other XML is left. Read with StAX, no DTD fetched.
     */
    private static void xml(Build build, Path file, Map<String, Evidence> mappers, List<Mapped> out) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String where = build.relative(file);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            boolean root = true;
            while (reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = reader.getLocalName();
                int line = reader.getLocation().getLineNumber();
                if (root && element.equals("mapper") && reader.getAttributeValue(null, "namespace") != null) {
                    mappers.put(reader.getAttributeValue(null, "namespace"), new Evidence(where, line, ""));
                    return;
                }
                if (root && !element.equals("entity-mappings")) {
                    return;
                }
                root = false;
                String type = reader.getAttributeValue(null, "class");
                if (type != null && ORM_ELEMENTS.containsKey(element)) {
                    boolean table = element.equals("entity");
                    String name = type.substring(type.lastIndexOf('.') + 1);
                    out.add(new Mapped(name, ORM_ELEMENTS.get(element), table, new Evidence(where, line, name + ": <"
                            + element + "> in orm.xml" + (table ? ", maps a table" : ", mapped into the tables of "
                            + "others"))));
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // Not well-formed XML, or not readable: no mapping read from it.
        }
    }

    /**
     * The first line of a build file naming a module as a whole word ({@code <artifactId>model<},
     * {@code project(':model')}), not inside another name ({@code <modelVersion>}, {@code model-api}); 0 if none.
     */
    private static int line(Path buildFile, String artifactId) {
        Pattern name = Pattern.compile("(?<![\\w.-])" + Pattern.quote(artifactId) + "(?![\\w.-])");
        try {
            List<String> lines = Files.readAllLines(buildFile);
            for (int i = 0; i < lines.size(); i++) {
                if (name.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static List<Path> xmlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
