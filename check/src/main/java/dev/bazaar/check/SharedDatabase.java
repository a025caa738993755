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
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sign 2, from configuration: services that use the same database or the same database user; and, from the build,
 * modules that give them one data model ({@link SharedDataModel}).
 */
public final class SharedDatabase {

    /** What a service is configured with: a database ({@code db:...}) or a user ({@code user:...}), and where. */
    public record Fact(String service, String key, Evidence where) {
    }

    private static final String URL = "spring.datasource.url";
    private static final String USER = "spring.datasource.username";
    private static final String MONGO = "spring.data.mongodb.";
    /** How a MongoDB user's key ends: not the login of a JDBC database of the same name. */
    private static final String MONGO_USER = " (MongoDB)";

    private SharedDatabase() {
    }

    /**
     * From configuration, then from the data model modules share ({@link SharedDataModel}); the facts are read once
     * ({@link #facts}), as sign 2's other readings use them too.
     */
    public static SignResult analyse(Build build, List<Fact> facts) {
        return configuration(build, facts).and(SharedDataModel.analyse(build));
    }

    private static SignResult configuration(Build build, List<Fact> facts) {
        // A config server whose settings are elsewhere (a git repository) may hold the databases: say so.
        String unread = ConfigServer.of(build).unread().stream().map(u -> "; not read: " + u)
                .reduce("", String::concat);
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
            // database there, whatever each is configured to use. A MongoDB user is a login on MongoDB servers only.
            boolean login = e.getKey().startsWith("user ");
            if (login && !oneServer(facts, e.getValue(), e.getKey().endsWith(MONGO_USER))) {
                continue;
            }
            (login ? sharedLogins : shared).add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
            facts.stream().filter(f -> f.key().equals(e.getKey())).forEach(f -> evidence.add(f.where()));
        }
        if (shared.isEmpty() && !sharedLogins.isEmpty()) {
            String summary = "separate databases, but one login: " + String.join("; ", sharedLogins) + unread;
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
        summary += unread;
        return new SignResult(Sign.SHARED_DATABASE, verdict, Rules.sharedDatabaseRule(), summary, evidence);
    }

    /**
     * Every database and database user each service is configured with: its own Spring settings and those a config
     * server serves it (placeholders resolved against its Compose environment), its Compose environment (with
     * {@code env_file}s), the env of the Kubernetes containers that run it, and Bazaar's topology.yaml.
     */
    public static List<Fact> facts(Build build) {
        Map<String, List<Compose.Variable>> compose = composeEnvironments(build);
        Map<String, List<Compose.Variable>> kubernetes = kubernetesEnvironments(build);
        ConfigServer configServer = ConfigServer.of(build);
        Map<String, Yaml.Value> topology = topologyDatabases(build);
        List<Fact> facts = new ArrayList<>();
        for (Build.Module service : build.services()) {
            String name = service.artifactId();
            List<Compose.Variable> env = compose.getOrDefault(name, List.of());
            Map<String, String> envValues = new LinkedHashMap<>();
            env.forEach(v -> envValues.put(v.name(), v.value()));
            for (Map.Entry<Path, Map<String, Yaml.Value>> config : service.springConfig().entrySet()) {
                settings(name, build.relative(config.getKey()), "", config.getValue(), envValues, facts);
            }
            for (ConfigServer.Served served : configServer.servedTo(service)) {
                settings(name, build.relative(served.file()), served.everyApplication()
                        ? " (served by the config server to every application)"
                        : " (served by the config server to " + name + ")", served.settings(), envValues, facts);
            }
            // The environments themselves: JDBC and MongoDB URLs, database users.
            List<Compose.Variable> all = new ArrayList<>(env);
            all.addAll(kubernetes.getOrDefault(name, List.of()));
            for (Compose.Variable v : all) {
                Evidence where = new Evidence(v.file(), v.line(), name + " environment: " + v.name() + "="
                        + v.value() + v.note());
                Optional<String> db = database(v.value()).or(() -> mongoDatabase(v.value()));
                if (db.isPresent()) {
                    facts.add(new Fact(name, "database " + db.get(), where));
                } else if (isUserVariable(v.name())) {
                    boolean mongo = v.name().toUpperCase(Locale.ROOT).contains("MONGO");
                    facts.add(new Fact(name, "user " + v.value() + (mongo ? MONGO_USER : ""), where));
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

    /** The database and user in one file of Spring settings: a JDBC datasource, MongoDB's. */
    private static void settings(String service, String file, String via, Map<String, Yaml.Value> settings,
                                 Map<String, String> env, List<Fact> facts) {
        Yaml.Value url = settings.get(URL);
        if (url != null) {
            String resolved = Placeholders.resolve(url.text(), env);
            database(resolved).ifPresent(db -> facts.add(new Fact(service, "database " + db, new Evidence(file,
                    url.line(), service + ": " + URL + "=" + url.text() + arrow(url.text(), resolved) + via))));
        }
        Yaml.Value user = settings.get(USER);
        if (user != null) {
            String resolved = Placeholders.resolve(user.text(), env);
            facts.add(new Fact(service, "user " + resolved, new Evidence(file, user.line(), service + ": " + USER
                    + "=" + user.text() + arrow(user.text(), resolved) + via)));
        }
        mongo(service, file, via, settings, env, facts);
    }

    /**
     * MongoDB's database and user in one file of Spring settings: {@code spring.data.mongodb.uri}, which wins as in
     * Spring Boot, else {@code host}, {@code port} and {@code database}, Spring Boot's defaults for what they leave out.
     */
    private static void mongo(String service, String file, String via, Map<String, Yaml.Value> settings,
                              Map<String, String> env, List<Fact> facts) {
        Yaml.Value uri = settings.get(MONGO + "uri");
        List<String> parts = Stream.of("host", "port", "database").filter(k -> settings.containsKey(MONGO + k))
                .toList();
        if (uri == null && parts.isEmpty()) {
            return;
        }
        String resolved = uri != null ? Placeholders.resolve(uri.text(), env) : "mongodb://"
                + mongo(settings, "host", Rules.MONGODB_DEFAULT_HOST, env) + ":"
                + mongo(settings, "port", String.valueOf(Rules.MONGODB_DEFAULT_PORT), env) + "/"
                + mongo(settings, "database", Rules.MONGODB_DEFAULT_DATABASE, env);
        Yaml.Value at = uri != null ? uri : settings.get(MONGO + parts.get(0));
        String written = uri != null ? MONGO + "uri=" + uri.text() : String.join(", ", parts.stream()
                .map(k -> MONGO + k + "=" + settings.get(MONGO + k).text()).toList());
        mongoDatabase(resolved).ifPresent(db -> facts.add(new Fact(service, "database " + db, new Evidence(file,
                at.line(), service + ": " + written + " -> " + db + via))));
        Yaml.Value user = settings.get(MONGO + "username");
        String login = user != null ? Placeholders.resolve(user.text(), env) : mongoUser(resolved);
        if (login != null) {
            facts.add(new Fact(service, "user " + login + MONGO_USER, new Evidence(file, (user != null ? user : at)
                    .line(), service + ": MongoDB user " + login + via)));
        }
    }

    private static String mongo(Map<String, Yaml.Value> settings, String key, String otherwise,
                                Map<String, String> env) {
        Yaml.Value v = settings.get(MONGO + key);
        return v == null ? otherwise : Placeholders.resolve(v.text(), env);
    }

    private static String arrow(String written, String resolved) {
        return resolved.equals(written) ? "" : " -> " + resolved;
    }

    /** Whether 2+ of these services have a database on one server ({@code kind://host:port}), as far as known. */
    private static boolean oneServer(List<Fact> facts, Set<String> services, boolean mongo) {
        Map<String, Set<String>> servicesByServer = new TreeMap<>();
        facts.stream().filter(f -> services.contains(f.service()) && f.key().startsWith("database ")
                        && f.key().contains("://") && f.key().startsWith("database mongodb") == mongo)
                .forEach(f -> {
                    String db = f.key().substring("database ".length());
                    int slash = db.indexOf('/', db.indexOf("://") + 3);
                    servicesByServer.computeIfAbsent(slash < 0 ? db : db.substring(0, slash), k -> new TreeSet<>())
                            .add(f.service());
                });
        // Where no server is known, nothing says the login is not one.
        return servicesByServer.isEmpty() || servicesByServer.values().stream()
                .anyMatch(s -> s.size() >= Rules.SHARED_DATABASE_MIN_SERVICES);
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

    /**
     * {@code mongodb://user:secret@HOST:PORT/DB?x} as {@code mongodb://HOST:PORT/DB} (port 27017 when none is written,
     * so that a URI and host/port settings compare; the first host of a replica set); empty when not a MongoDB URI.
     */
    static Optional<String> mongoDatabase(String uri) {
        if (uri == null || !(uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://"))) {
            return Optional.empty();
        }
        String scheme = uri.substring(0, uri.indexOf("://"));
        String rest = uri.substring(uri.indexOf("://") + 3);
        rest = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        String hosts = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String db = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
        String host = hosts.split(",")[0];
        if (scheme.equals("mongodb") && !host.contains(":")) {
            host += ":" + Rules.MONGODB_DEFAULT_PORT;
        }
        return Optional.of(scheme + "://" + (host + "/" + (db.isEmpty() ? Rules.MONGODB_DEFAULT_DATABASE : db))
                .toLowerCase(Locale.ROOT));
    }

    /** The user of a MongoDB URI, null when it names none. */
    private static String mongoUser(String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return null;
        }
        String info = uri.substring(scheme + 3, at);
        return info.contains(":") ? info.substring(0, info.indexOf(':')) : info;
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
            throw new Unreadable("cannot read " + file, e);
        }
        return out;
    }

    /** The environment of each Compose service, by the Maven service it runs (same name, or built from its dir). */
    private static Map<String, List<Compose.Variable>> composeEnvironments(Build build) {
        Map<String, List<Compose.Variable>> out = new TreeMap<>();
        for (Compose.Service service : Compose.services(build)) {
            if (service.application()) {
                out.computeIfAbsent(service.module(), n -> new ArrayList<>()).addAll(Compose.environment(build, service));
            }
        }
        return out;
    }

    /**
     * The {@code env} of each Kubernetes container that runs a service: a {@code value}, or a {@code secretKeyRef} or
     * {@code configMapKeyRef} as {@code secret:<name>/<key>}: two services reading their database user from the same
     * key of the same secret log in as one, whatever its value. A ConfigMap of the repository gives its value.
     */
    private static Map<String, List<Compose.Variable>> kubernetesEnvironments(Build build) {
        Map<String, List<Compose.Variable>> out = new TreeMap<>();
        List<Kubernetes.Manifest> manifests = Kubernetes.manifests(build);
        Map<String, String> configMaps = Kubernetes.configMapValues(manifests);
        for (Kubernetes.Container c : Kubernetes.containers(build, manifests)) {
            for (Node item : Kubernetes.items(c.definition().get("env"))) {
                Map<String, Node> e = Yaml.entries(item);
                if (!(e.get("name") instanceof ScalarNode name)) {
                    continue;
                }
                Map<String, Node> from = Yaml.entries(e.get("valueFrom"));
                String value = null;
                if (e.get("value") instanceof ScalarNode v) {
                    value = v.getValue();
                }
                for (String ref : List.of("secretKeyRef", "configMapKeyRef")) {
                    Map<String, Node> r = Yaml.entries(from.get(ref));
                    if (r.get("name") instanceof ScalarNode n && r.get("key") instanceof ScalarNode k) {
                        String key = n.getValue() + "/" + k.getValue();
                        value = ref.startsWith("secret") ? "secret:" + key
                                : configMaps.getOrDefault(key, "configmap:" + key);
                    }
                }
                if (value != null) {
                    out.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(new Compose.Variable(name.getValue(),
                            value, build.relative(c.file()), name.getStartMark().getLine() + 1,
                            " (Kubernetes " + c.workload() + ")"));
                }
            }
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
