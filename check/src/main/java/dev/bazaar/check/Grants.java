package dev.bazaar.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sign 2, proven on a live PostgreSQL: which login roles can connect to which database ({@code CONNECT} privilege,
 * granted to the role, to a role it is a member of, or to {@code PUBLIC}), compared with the database and role each
 * service is configured with. Configuration says what each service uses; grants say what each service could use.
 * Superusers reach everything and are left out (listed in the evidence).
 */
public final class Grants {

    /** A service's own database and role, as its configuration says. */
    public record Owned(String service, String database, String role) {
    }

    private Grants() {
    }

    /**
     * Each service's database and role from its configuration ({@link SharedDatabase#facts}): the database named in its
     * JDBC URL or in {@code topology.yaml}, the user it logs in as; Bazaar's launcher names the role after the database.
     * Only what PostgreSQL grants can prove counts: not a MongoDB database or user, nor a user read from a secret or a config map.
     */
    public static List<Owned> owned(List<SharedDatabase.Fact> facts) {
        Map<String, String[]> byService = new TreeMap<>();
        for (SharedDatabase.Fact f : facts) {
            String[] owned = byService.computeIfAbsent(f.service(), k -> new String[2]);
            boolean elsewhere = f.key().startsWith("database mongodb") || f.key().endsWith("(MongoDB)")
                    || f.key().startsWith("user secret:") || f.key().startsWith("user configmap:");
            if (elsewhere) {
                continue;
            }
            if (f.key().startsWith("database ")) {
                String db = f.key().substring("database ".length()).replace(" (topology)", "");
                owned[0] = db.substring(db.lastIndexOf('/') + 1);
            } else if (f.key().startsWith("user ")) {
                owned[1] = f.key().substring("user ".length());
            }
        }
        List<Owned> out = new ArrayList<>();
        byService.forEach((service, o) -> {
            if (o[0] != null) {
                out.add(new Owned(service, o[0], o[1] != null ? o[1] : o[0]));
            }
        });
        return out;
    }

    /**
     * Reads the grants at {@code jdbcUrl} (credentials in it, or {@code PGUSER}/{@code PGPASSWORD}) and judges them.
     * The connection needs to read {@code pg_database} and {@code pg_roles}, which any login can.
     */
    public static SignResult analyse(String jdbcUrl, List<Owned> services) {
        Properties login = new Properties();
        if (!jdbcUrl.contains("user=") && System.getenv("PGUSER") != null) {
            login.setProperty("user", System.getenv("PGUSER"));
        }
        if (!jdbcUrl.contains("password=") && System.getenv("PGPASSWORD") != null) {
            login.setProperty("password", System.getenv("PGPASSWORD"));
        }
        Map<String, Set<String>> reachable = new TreeMap<>();
        Set<String> superusers = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, login);
             Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("""
                    select d.datname, r.rolname from pg_database d cross join pg_roles r
                    where not d.datistemplate and r.rolcanlogin and not r.rolsuper
                      and has_database_privilege(r.oid, d.oid, 'CONNECT')""")) {
                while (rows.next()) {
                    reachable.computeIfAbsent(rows.getString(1), d -> new TreeSet<>()).add(rows.getString(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("select rolname from pg_roles where rolsuper and rolcanlogin")) {
                while (rows.next()) {
                    superusers.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            return SignResult.notAnalysed(Sign.SHARED_DATABASE, "PostgreSQL at " + redacted(jdbcUrl)
                    + " could not be read: " + e.getMessage());
        }
        return judge(redacted(jdbcUrl), reachable, superusers, services);
    }

    /** The verdict from what each login role can reach; separated from the query so that it is tested on its own. */
    static SignResult judge(String where, Map<String, Set<String>> reachable, Set<String> superusers,
                            List<Owned> services) {
        Map<String, String> serviceOfRole = new TreeMap<>();
        services.forEach(s -> serviceOfRole.put(s.role(), s.service()));
        List<Evidence> evidence = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Owned owned : services) {
            Set<String> roles = reachable.getOrDefault(owned.database(), Set.of());
            Set<String> others = new TreeSet<>();
            roles.stream().filter(r -> !r.equals(owned.role()) && serviceOfRole.containsKey(r))
                    .forEach(r -> others.add(r + " (" + serviceOfRole.get(r) + ")"));
            if (!reachable.containsKey(owned.database())) {
                evidence.add(new Evidence(where, 0, owned.service() + ": database " + owned.database()
                        + " not on this server"));
            } else if (others.isEmpty()) {
                evidence.add(new Evidence(where, 0, owned.service() + ": database " + owned.database()
                        + " can be reached by " + (roles.isEmpty() ? "no login role but superusers" : "login role(s) "
                        + String.join(", ", roles)) + ", no other service's role"));
            } else {
                open.add(owned.database());
                evidence.add(new Evidence(where, 0, owned.service() + ": database " + owned.database()
                        + " can also be reached by " + String.join(", ", others)));
            }
        }
        if (!superusers.isEmpty()) {
            evidence.add(new Evidence(where, 0, "superusers, left out (they reach every database): "
                    + String.join(", ", superusers)));
        }
        String rule = "grants: a warning when a service's database accepts connections from another service's login "
                + "role (CONNECT granted to it or to PUBLIC): the isolation rests on configuration alone";
        if (!open.isEmpty()) {
            return new SignResult(Sign.SHARED_DATABASE, Verdict.WARNING, rule, "grants let other services' roles "
                    + "reach " + String.join(", ", open), evidence);
        }
        return new SignResult(Sign.SHARED_DATABASE, Verdict.CLEAR, rule, "grants proven: each of the "
                + services.size() + " databases accepts only its own service's role", evidence);
    }

    private static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }
}
