package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Sign 2, from data models: the tables each service touches, from the SQL in its code (string literals and text blocks,
 * concatenations of them, parsed with JSqlParser), the {@code .sql} files of its resources (schemas, migrations) and its
 * JPA entities ({@code @Table(name)}, else the entity's name). A table is shared when 2+ services touch it and their
 * databases are the same or not known: the same name in two services' own databases (an outbox in each) is not.
 */
public final class SharedTables {

    /** A service naming a table, and where. */
    public record Use(String service, String table, Evidence where) {
    }

    private static final Set<String> SQL_STARTS = Set.of("select", "insert", "update", "delete", "with", "merge",
            "create", "alter");
    private static final int SHOWN_PER_TABLE = 4;

    private SharedTables() {
    }

    /** With the services' databases already read ({@link SharedDatabase#facts}). */
    public static SignResult analyse(Build build, List<SharedDatabase.Fact> facts) {
        List<Use> uses = uses(build);
        Map<String, Set<String>> databases = new TreeMap<>();
        facts.stream().filter(f -> f.key().startsWith("database "))
                .forEach(f -> databases.computeIfAbsent(f.service(), s -> new TreeSet<>()).add(f.key()));
        Map<String, Set<String>> servicesByTable = new TreeMap<>();
        uses.forEach(u -> servicesByTable.computeIfAbsent(u.table(), t -> new TreeSet<>()).add(u.service()));

        List<String> shared = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        int apart = 0;
        for (Map.Entry<String, Set<String>> table : servicesByTable.entrySet()) {
            if (table.getValue().size() < Rules.SHARED_DATABASE_MIN_SERVICES) {
                continue;
            }
            if (!sameOrUnknownDatabase(table.getValue(), databases)) {
                apart++;
                continue;
            }
            shared.add(table.getKey() + " (" + String.join(", ", table.getValue()) + ")");
            for (String service : table.getValue()) {
                uses.stream().filter(u -> u.table().equals(table.getKey()) && u.service().equals(service))
                        .limit(SHOWN_PER_TABLE).forEach(u -> evidence.add(u.where()));
            }
        }
        String rule = "tables: present when " + Rules.SHARED_DATABASE_MIN_SERVICES + "+ services touch the same table "
                + "(SQL in code or resources, JPA entities) and their databases are the same or not known";
        long services = uses.stream().map(Use::service).distinct().count();
        String read = servicesByTable.size() + " table(s) named by " + services + " service(s)";
        if (!shared.isEmpty()) {
            return new SignResult(Sign.SHARED_DATABASE, Verdict.PRESENT, rule, "tables: " + read + "; shared: "
                    + String.join("; ", shared), evidence);
        }
        String summary = "tables: " + read + (apart == 0 ? ", none touched by two services"
                : ", " + apart + " name(s) used by several services each in its own database, not shared");
        return new SignResult(Sign.SHARED_DATABASE, Verdict.CLEAR, rule, summary, List.of());
    }

    private static boolean sameOrUnknownDatabase(Set<String> services, Map<String, Set<String>> databases) {
        List<String> list = List.copyOf(services);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Set<String> a = databases.getOrDefault(list.get(i), Set.of());
                Set<String> b = databases.getOrDefault(list.get(j), Set.of());
                if (a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every table every service names. */
    public static List<Use> uses(Build build) {
        List<Use> out = new ArrayList<>();
        for (Build.Module service : build.services()) {
            for (Path file : build.mainJavaFiles(service)) {
                Optional<CompilationUnit> unit = Build.parse(file);
                unit.ifPresent(u -> fromCode(build, service.artifactId(), file, u, out));
            }
            List<Build.Module> own = new ArrayList<>(List.of(service));
            own.addAll(build.ownedBy(service));
            for (Build.Module module : own) {
                for (Path file : sqlFiles(module.dir().resolve("src/main/resources"))) {
                    fromScript(build, service.artifactId(), file, out);
                }
            }
        }
        return out;
    }

    private static void fromCode(Build build, String service, Path file, CompilationUnit unit, List<Use> out) {
        String where = build.relative(file);
        for (Expression e : unit.findAll(Expression.class)) {
            boolean literal = e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr
                    || e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS;
            // Only the outermost part of a concatenation is read, as one statement.
            if (!literal || e.getParentNode().orElse(null) instanceof BinaryExpr) {
                continue;
            }
            String sql = text(e).strip();
            int space = sql.indexOf(' ');
            if (space < 0 || !SQL_STARTS.contains(sql.substring(0, space).toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String table : tables(sql)) {
                out.add(new Use(service, table, new Evidence(where, line(e), service + " names table " + table
                        + ": " + abbreviate(sql))));
            }
        }
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            if (type.isAnnotationPresent("Entity")) {
                // Without a name, Spring Boot's naming strategy makes OrderItem the table order_item.
                String table = type.getAnnotationByName("Table").flatMap(SharedTables::nameAttribute)
                        .orElse(String.join("_", DomainWords.words(type.getNameAsString())));
                out.add(new Use(service, normalise(table), new Evidence(where, line(type), service
                        + " maps table " + normalise(table) + " as entity " + type.getNameAsString())));
            }
        }
    }

    private static void fromScript(Build build, String service, Path file, List<Use> out) {
        try {
            String script = Files.readString(file);
            for (Statement statement : CCJSqlParserUtil.parseStatements(script)) {
                for (String table : new TablesNamesFinder<Void>().getTables(statement)) {
                    out.add(new Use(service, normalise(table), new Evidence(build.relative(file),
                            Build.line(file, table), service + " names table " + normalise(table) + " in its script")));
                }
            }
        } catch (IOException | JSQLParserException | RuntimeException e) {
            // A dialect JSqlParser does not read (a procedure, a vendor's DDL) is left out, not guessed at.
        }
    }

    private static Set<String> tables(String sql) {
        try {
            Set<String> out = new TreeSet<>();
            TablesNamesFinder.findTables(sql).forEach(t -> out.add(normalise(t)));
            return out;
        } catch (JSQLParserException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The literal parts of a concatenation, the rest (variables, calls) as a placeholder JSqlParser reads. */
    private static String text(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return t.asString();
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            return text(b.getLeft()) + text(b.getRight());
        }
        return "?";
    }

    private static Optional<String> nameAttribute(com.github.javaparser.ast.expr.AnnotationExpr a) {
        return a.isNormalAnnotationExpr() ? a.asNormalAnnotationExpr().getPairs().stream()
                .filter(p -> p.getNameAsString().equals("name") && p.getValue().isStringLiteralExpr())
                .map(p -> p.getValue().asStringLiteralExpr().asString()).findFirst() : Optional.empty();
    }

    /** Schema and quotes dropped, lower case: {@code public."Orders"} and {@code orders} are one table. */
    static String normalise(String table) {
        String name = table.substring(table.lastIndexOf('.') + 1).replace("\"", "").replace("`", "");
        return name.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > 100 ? flat.substring(0, 100) + "..." : flat;
    }

    private static int line(Node n) {
        return n.getBegin().map(p -> p.line).orElse(0);
    }

    private static List<Path> sqlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
