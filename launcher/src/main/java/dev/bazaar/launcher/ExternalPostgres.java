package dev.bazaar.launcher;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL server the launcher uses instead of starting its own, reached as a superuser (or a role
 * with CREATEROLE and CREATEDB) so it can create each service's role and database.
 */
public record ExternalPostgres(String host, int port, String username, String password) {

    public ExternalPostgres {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PostgreSQL port out of range: " + port);
        }
    }

    /**
     * Parses either form of a PostgreSQL address with credentials: the libpq URI
     * {@code postgresql://USER:PASSWORD@HOST[:PORT][/DB]}, or the JDBC URL
     * {@code jdbc:postgresql://HOST[:PORT][/DB]?user=USER&password=PASSWORD}. Values are percent-decoded, so
     * special characters can be encoded; the database is ignored (roles and databases are created from
     * {@code postgres}).
     */
    public static ExternalPostgres parse(String url) {
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        URI parsed;
        try {
            parsed = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new LauncherException("BAZAAR_POSTGRES_URL is not a valid URL: " + e.getMessage());
        }
        String scheme = parsed.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme) || parsed.getHost() == null) {
            throw new LauncherException(FORMS);
        }
        String user = null;
        String password = null;
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            user = decode(userInfo.substring(0, userInfo.indexOf(':')));
            password = decode(userInfo.substring(userInfo.indexOf(':') + 1));
        }
        String query = parsed.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                if (name.equals("user")) {
                    user = value;
                } else if (name.equals("password")) {
                    password = value;
                }
            }
        }
        if (user == null || password == null) {
            throw new LauncherException("BAZAAR_POSTGRES_URL needs a user and a password. " + FORMS);
        }
        return new ExternalPostgres(parsed.getHost(), parsed.getPort() == -1 ? 5432 : parsed.getPort(), user, password);
    }

    private static final String FORMS = "Use postgresql://USER:PASSWORD@HOST:PORT "
            + "or jdbc:postgresql://HOST:PORT/postgres?user=USER&password=PASSWORD.";

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ExternalPostgres[" + username + "@" + host + ":" + port + "]";
    }
}
