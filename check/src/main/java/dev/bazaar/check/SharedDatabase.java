package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Sign 2, from configuration: services that use the same database or the same database user. */
public final class SharedDatabase {

    /** What a service is configured with: a database ({@code db:...}) or a user ({@code user:...}), and where. */
    public record Fact(String service, String key, Evidence where) {
    }

    private static final String URL = "spring.datasource.url";
    private static final String USER = "spring.datasource.username";

    private SharedDatabase() {
    }

    public static SignResult analyse(Build build) {
        List<Fact> facts = facts(build);
        Map<String, Set<String>> servicesByKey = new TreeMap<>();
        for (Fact f : facts) {
            servicesByKey.computeIfAbsent(f.key(), k -> new TreeSet<>()).add(f.service());
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        List<String> sharedLogins = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : servicesByKey.entrySet()) {
            if (e.getValue().size() < Rules.SHARED_DATABASE_MIN_SERVICES) {
                continue;
            }
            // One login name on different servers is different logins; on one server it reaches each service's
            // database, whatever each is configured to use.
            boolean login = e.getKey().startsWith("user ");
            if (login && servers(facts, e.getValue()).size() > 1) {
                continue;
            }
            (login ? sharedLogins : shared).add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
            facts.stream().filter(f -> f.key().equals(e.getKey())).forEach(f -> evidence.add(f.where()));
        }
        if (shared.isEmpty() && !sharedLogins.isEmpty()) {
            String summary = "separate databases, but one login: " + String.join("; ", sharedLogins);
            return new SignResult(Sign.SHARED_DATABASE, Verdict.WARNING, Rules.sharedDatabaseRule(), summary,
                    evidence);
        }
        shared.addAll(sharedLogins);
        Set<String> withDb = new TreeSet<>();
        facts.forEach(f -> withDb.add(f.service()));
        List<String> without = build.services().stream().map(Build.Module::artifactId)
                .filter(s -> !withDb.contains(s)).toList();
        String summary;
        Verdict verdict;
        if (!shared.isEmpty()) {
            verdict = Verdict.PRESENT;
            summary = "shared: " + String.join("; ", shared);
        } else {
            verdict = Verdict.CLEAR;
            facts.forEach(f -> evidence.add(f.where()));
            summary = withDb.isEmpty() ? "no database found for any of the " + build.services().size() + " services"
                    : withDb.size() + " services, each with its own database";
        }
        if (!without.isEmpty()) {
            summary += "; no database found: " + String.join(", ", without);
        }
        return new SignResult(Sign.SHARED_DATABASE, verdict, Rules.sharedDatabaseRule(), summary, evidence);
    }

    /** Every database and database user each service is configured with. */
    public static List<Fact> facts(Build build) {
        Map<String, Map<String, Env>> compose = composeEnvironments(build);
        Map<String, Yaml.Value> topology = topologyDatabases(build);
        List<Fact> facts = new ArrayList<>();
        for (Build.Module service : build.services()) {
            String name = service.artifactId();
            Map<String, Env> env = compose.getOrDefault(name, Map.of());
            Map<String, String> envValues = new LinkedHashMap<>();
            env.forEach((k, v) -> envValues.put(k, v.text()));
            // The service's own configuration, placeholders resolved against its Compose environment.
            for (Map.Entry<Path, Map<String, Yaml.Value>> config : service.springConfig().entrySet()) {
                String file = build.relative(config.getKey());
                Yaml.Value url = config.getValue().get(URL);
                if (url != null) {
                    String resolved = Placeholders.resolve(url.text(), envValues);
                    database(resolved).ifPresent(db -> facts.add(new Fact(name, "database " + db,
                            new Evidence(file, url.line(), name + ": " + URL + "=" + url.text()
                                    + (resolved.equals(url.text()) ? "" : " -> " + resolved)))));
                }
                Yaml.Value user = config.getValue().get(USER);
                if (user != null) {
                    String resolved = Placeholders.resolve(user.text(), envValues);
                    facts.add(new Fact(name, "user " + resolved, new Evidence(file, user.line(),
                            name + ": " + USER + "=" + user.text()
                                    + (resolved.equals(user.text()) ? "" : " -> " + resolved))));
                }
            }
            // The Compose environment itself: JDBC URLs and database users.
            for (Map.Entry<String, Env> e : env.entrySet()) {
                String file = e.getValue().file();
                String text = e.getValue().text();
                String merged = e.getValue().mergedAt() > 0
                        ? " (merged in at " + file + ":" + e.getValue().mergedAt() + " with <<:)" : "";
                Optional<String> db = database(text);
                if (db.isPresent()) {
                    facts.add(new Fact(name, "database " + db.get(), new Evidence(file, e.getValue().line(),
                            name + " environment: " + e.getKey() + "=" + text + merged)));
                } else if (isUserVariable(e.getKey())) {
                    facts.add(new Fact(name, "user " + text, new Evidence(file, e.getValue().line(),
                            name + " environment: " + e.getKey() + "=" + text + merged)));
                }
            }
            Yaml.Value db = topology.get(build.relative(service.dir()));
            if (db != null) {
                facts.add(new Fact(name, "database " + db.text() + " (topology)", new Evidence("topology.yaml",
                        db.line(), name + ": database " + db.text()
                                + ", its own database and login role, created by the launcher")));
            }
        }
        return dedupe(facts);
    }

    /** The servers ({@code kind://host:port}) the services' databases are on, as far as known. */
    private static Set<String> servers(List<Fact> facts, Set<String> services) {
        Set<String> out = new TreeSet<>();
        facts.stream().filter(f -> services.contains(f.service()) && f.key().startsWith("database ")
                        && f.key().contains("://"))
                .forEach(f -> {
                    String db = f.key().substring("database ".length());
                    int slash = db.indexOf('/', db.indexOf("://") + 3);
                    out.add(slash < 0 ? db : db.substring(0, slash));
                });
        return out;
    }

    private static List<Fact> dedupe(List<Fact> facts) {
        Map<String, Fact> unique = new LinkedHashMap<>();
        facts.forEach(f -> unique.putIfAbsent(f.service() + "|" + f.key() + "|" + f.where().location(), f));
        return new ArrayList<>(unique.values());
    }

    /** {@code jdbc:postgresql://HOST:PORT/DB?x} as {@code HOST:PORT/DB}; empty when not a JDBC URL. */
    static Optional<String> database(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:".length());
        int scheme = rest.indexOf("://");
        if (scheme < 0) {
            return Optional.of(rest); // e.g. jdbc:h2:mem:x
        }
        String kind = rest.substring(0, scheme);
        String address = rest.substring(scheme + 3);
        int query = address.indexOf('?');
        if (query >= 0) {
            address = address.substring(0, query);
        }
        int at = address.lastIndexOf('@');
        if (at >= 0) {
            address = address.substring(at + 1);
        }
        return Optional.of(kind + "://" + address.toLowerCase(Locale.ROOT));
    }

    /** An environment variable naming a database user ({@code SHOP_DB_USER}, {@code SPRING_DATASOURCE_USERNAME}). */
    static boolean isUserVariable(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        boolean user = n.endsWith("USER") || n.endsWith("USERNAME");
        boolean db = n.contains("DB") || n.contains("DATASOURCE") || n.contains("DATABASE") || n.contains("JDBC");
        return user && db;
    }

    /** A properties file with the line of each key ({@link java.util.Properties} keeps none). */
    static Map<String, Yaml.Value> properties(Path file) {
        Map<String, Yaml.Value> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                int lineNumber = i + 1;
                StringBuilder logical = new StringBuilder(lines.get(i).strip());
                if (logical.isEmpty() || logical.charAt(0) == '#' || logical.charAt(0) == '!') {
                    continue;
                }
                while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                    logical.setLength(logical.length() - 1);
                    logical.append(lines.get(++i).strip());
                }
                java.util.Properties one = new java.util.Properties();
                one.load(new java.io.StringReader(logical.toString()));
                one.stringPropertyNames().forEach(k -> out.put(k, new Yaml.Value(one.getProperty(k), lineNumber)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return out;
    }

    /** A Compose environment entry and where it is written. */
    private record Env(String text, int line, String file, int mergedAt) {
    }

    /** The line of a {@code <<:} merge key in a mapping, 0 when it has none. */
    private static int mergeLine(Node node) {
        if (node instanceof MappingNode m) {
            for (var t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && "<<".equals(k.getValue())) {
                    return k.getStartMark().getLine() + 1;
                }
            }
        }
        return 0;
    }

    /** The environment of each Compose service, by the Maven service it runs (same name, or built from its dir). */
    private static Map<String, Map<String, Env>> composeEnvironments(Build build) {
        Map<String, Map<String, Env>> out = new TreeMap<>();
        for (Compose.Service service : Compose.services(build)) {
            if (!service.application()) {
                continue;
            }
            Node environment = service.definition().get("environment");
            int mergeLine = mergeLine(environment);
            int start = environment == null ? 0 : environment.getStartMark().getLine() + 1;
            int end = environment == null ? 0 : environment.getEndMark().getLine() + 1;
            Yaml.environment(environment).forEach((k, v) -> {
                boolean merged = mergeLine > 0 && (v.line() < start || v.line() > end);
                out.computeIfAbsent(service.module(), n -> new LinkedHashMap<>()).put(k, new Env(v.text(), v.line(),
                        build.relative(service.file()), merged ? mergeLine : 0));
            });
        }
        return out;
    }

    /** {@code database:} of each component of a root topology.yaml, by its {@code module:} directory. */
    private static Map<String, Yaml.Value> topologyDatabases(Build build) {
        Map<String, Yaml.Value> out = new TreeMap<>();
        Yaml.read(build.root().resolve("topology.yaml")).ifPresent(root -> {
            for (Node component : Yaml.entries(Yaml.entries(root).get("components")).values()) {
                Map<String, Node> c = Yaml.entries(component);
                if (c.get("module") instanceof ScalarNode module && c.get("database") instanceof ScalarNode db) {
                    out.put(module.getValue(), Yaml.value(db));
                }
            }
        });
        return out;
    }
}
