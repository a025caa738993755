package dev.bazaar.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The platform's PostgreSQL: either a real PostgreSQL 17 from Maven (zonky's binaries) with its data
 * under the home, started once and kept running across launcher invocations, or an existing server.
 *
 * <p>Each service gets a login role and a database named after it. Isolation is enforced twice: the
 * embedded server's {@code pg_hba.conf} lets a role other than the superuser reach only the database of
 * its own name ({@code sameuser}), and every service database is closed to {@code PUBLIC}, which is what
 * protects an external server, whose {@code pg_hba.conf} the launcher does not touch.
 *
 * <p>Killed (SIGKILL to the postmaster), its backends notice and exit, and the next start recovers from the WAL.
 */
final class PostgresServer implements Part {

    static final String NAME = "postgres";
    static final String SUPERUSER = "postgres";
    /** The longest address a Unix socket may have (sun_path, less its terminating zero). */
    private static final int SOCKET_PATH_MAX = 107;

    private final LauncherConfig config;
    private final RuntimeState state;
    private final Secrets secrets;
    private final Path dataDirectory;
    private final Path binariesDirectory;
    private final Path logFile;
    private final Path pidFile;
    private EmbeddedPostgres embedded;

    PostgresServer(LauncherConfig config, RuntimeState state, Secrets secrets) {
        this.config = config;
        this.state = state;
        this.secrets = secrets;
        this.dataDirectory = config.home().resolve("postgres");
        this.binariesDirectory = config.home().resolve("postgres-bin");
        this.logFile = config.home().resolve("logs").resolve("postgres.log");
        this.pidFile = config.home().resolve("run").resolve("postgres.pid");
    }

    @Override
    public boolean isExternal() {
        return state.postgresExternal();
    }

    String host() {
        return state.postgresHost();
    }

    int port() {
        return state.port(NAME);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /**
     * The Unix socket the embedded server listens on beside its TCP port, {@code run/.s.PGSQL.<port>} under the home,
     * open to this user only: a round trip through it costs a service and PostgreSQL together about 30% less CPU than
     * one over TCP on the loopback (docs/performance.md). None for an external server, nor for a home whose path is
     * too long for a socket's address or holds characters that pg_ctl's options cannot carry.
     */
    Optional<Path> socket() {
        return isExternal() ? Optional.empty() : socketUnder(config.home(), port());
    }

    static Optional<Path> socketUnder(Path home, int port) {
        Path socket = home.toAbsolutePath().resolve("run").resolve(".s.PGSQL." + port);
        String path = socket.toString();
        boolean usable = path.getBytes(StandardCharsets.UTF_8).length <= SOCKET_PATH_MAX && path.matches("[\\w./+-]+");
        return usable ? Optional.of(socket) : Optional.empty();
    }

    /**
     * How a service reaches its database: through the {@link #socket()} when the running server listens on it (one started
     * by an older launcher does not, and a socket file left by a server that was killed is not its own); else over TCP.
     */
    String serviceJdbcUrl(String database) {
        return socket().filter(this::listensOn).map(socket -> socketJdbcUrl(database, socket)).orElseGet(() -> jdbcUrl(database));
    }

    /** The server holds a socket's lock file, whose first line is the postmaster's pid. */
    private boolean listensOn(Path socket) {
        Optional<ProcessHandle> postmaster = process();
        OptionalLong holder = OsProcesses.readPid(socket.resolveSibling(socket.getFileName() + ".lock"));
        return postmaster.isPresent() && holder.isPresent() && holder.getAsLong() == postmaster.get().pid() && Files.exists(socket);
    }

    /** A database through a Unix socket, with the socket factory junixsocket gives pgjdbc (the chassis has it). */
    static String socketJdbcUrl(String database, Path socket) {
        return "jdbc:postgresql://localhost/" + database
                + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg&socketFactoryArg="
                + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
    }

    /** The password of a service's role, which is named after its database. */
    String password(String database) {
        return secrets.password(database);
    }

    /** The administrative login: the embedded server's superuser, or the one given for an external server. */
    Credentials superuser() {
        if (isExternal()) {
            ExternalPostgres external = config.externalPostgres().orElseThrow(() -> new LauncherException(
                    "The platform uses an external PostgreSQL; set BAZAAR_POSTGRES_URL to administer it."));
            return new Credentials(external.username(), external.password());
        }
        return new Credentials(SUPERUSER, secrets.password(SUPERUSER));
    }

    /** The postmaster of the embedded server, when it runs on this home's data directory. */
    @Override
    public Optional<ProcessHandle> process() {
        if (isExternal()) {
            return Optional.empty();
        }
        OptionalLong pid = OsProcesses.readPid(dataDirectory.resolve("postmaster.pid"));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return OsProcesses.live(pid.getAsLong(), "postgres", dataDirectory.toString());
    }

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public String address() {
        return host() + ":" + port();
    }

    @Override
    public Path pidFile() {
        return pidFile;
    }

    /** Starts the embedded server and returns once it accepts connections, or checks that the external one answers. */
    @Override
    public void start() {
        if (isExternal()) {
            awaitReachable(Duration.ofSeconds(10));
            return;
        }
        // A server this JVM started and that has since been killed still holds zonky's lock.
        closeEmbedded();
        if (OsProcesses.listening(port())) {
            throw new LauncherException("Port " + port() + " (postgres) is already in use by another program. Stop it, "
                    + "or move the platform with BAZAAR_PORT_OFFSET or BAZAAR_POSTGRES_PORT.");
        }
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        if (!fresh && secrets.existing(Secrets.passwordKey(SUPERUSER)).isEmpty()) {
            throw new LauncherException("The PostgreSQL data in " + dataDirectory + " exists but its password is missing from "
                    + secrets.file() + ". Run './bazaar reset' to start from scratch.");
        }
        String password = secrets.password(SUPERUSER);
        Path passwordFile = config.home().resolve("run").resolve("initdb-password");
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(binariesDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binariesDirectory.toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The server must outlive a launcher that returns (up --detach); stop() ends it.
                    .setRegisterShutdownHook(false)
                    .setPort(port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Zonky turns both off for tests. A commit confirmed is written to the operating system
                    // (synchronous_commit) and flushed to the disk (fsync), so it survives a kill -9 and a machine
                    // that stops; without fsync, a machine that stops can leave the data files corrupt.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(directory -> writeHostBasedAuthentication(directory.toPath()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // Without a socket of ours, PostgreSQL's own (in /tmp): closed to other users as well.
                    .setServerConfig("unix_socket_permissions", "0700");
            socket().ifPresent(socket -> builder.setServerConfig("unix_socket_directories", socket.getParent().toString()));
            if (fresh) {
                // Zonky runs initdb with -A trust and no password; its locale options are passed to initdb as
                // --key=value, which is how the superuser gets its password before the server first listens.
                Secrets.writePrivate(passwordFile, password + "\n");
                builder.setLocaleConfig("pwfile", passwordFile.toString())
                        // Same sorting and case rules on every machine, whatever its OS locales.
                        .setLocaleConfig("locale", "C")
                        .setLocaleConfig("locale-provider", "builtin")
                        .setLocaleConfig("builtin-locale", "C.UTF-8");
            }
            embedded = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("PostgreSQL did not start: " + e.getMessage() + " (see " + logFile + ")", e);
        } finally {
            OsProcesses.deleteQuietly(passwordFile);
        }
        process().ifPresent(process -> OsProcesses.writePid(pidFile, process.pid()));
    }

    /** Creates (or realigns) each database with its role of the same name and its password, closed to every other role. */
    void provision(Collection<String> services) {
        try (Connection connection = connect("postgres", superuser());
             Statement sql = connection.createStatement()) {
            for (String service : services) {
                String password = secrets.password(service);
                String role = identifier(service);
                if (exists(connection, "select 1 from pg_roles where rolname = ?", service)) {
                    sql.execute("alter role " + role + " with login nosuperuser nocreatedb nocreaterole password " + literal(password));
                } else {
                    sql.execute("create role " + role + " with login password " + literal(password));
                }
                if (!exists(connection, "select 1 from pg_database where datname = ?", service)) {
                    sql.execute("create database " + role + " owner " + role);
                }
                sql.execute("revoke all on database " + role + " from public");
            }
        } catch (SQLException e) {
            throw new LauncherException("Could not create the services' databases on " + host() + ":" + port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code postgres.env}: the superuser's connection, so that {@code set -a; . .bazaar/postgres.env; psql} works. */
    void writeEnvironmentFile(Path file) {
        Credentials admin = superuser();
        Secrets.writePrivate(file, "# The platform's PostgreSQL superuser: set -a; . " + file.getFileName() + "; psql\n"
                + "PGHOST=" + host() + "\n"
                + "PGPORT=" + port() + "\n"
                + "PGUSER=" + admin.username() + "\n"
                + "PGPASSWORD=" + admin.password() + "\n"
                + "PGDATABASE=postgres\n");
    }

    @Override
    public boolean healthy() {
        return OsProcesses.listening(host(), port());
    }

    /** Memory of the postmaster, plus the private memory of its backends: shared buffers counted once. */
    @Override
    public long memoryBytes() {
        return process().map(postmaster -> OsProcesses.statusBytes(postmaster.pid(), "VmRSS")
                + postmaster.children().mapToLong(child -> OsProcesses.statusBytes(child.pid(), "RssAnon")).sum())
                .orElse(0L);
    }

    /** Stops the embedded server: a fast shutdown, which rolls back open transactions and ends sessions. */
    @Override
    public void stop() {
        Optional<ProcessHandle> running = process();
        if (running.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = running.get();
        // Started by this JVM: zonky stops it with pg_ctl and lets go of its lock on the data directory.
        closeEmbedded();
        if (postmaster.isAlive()) {
            OsProcesses.signal(postmaster.pid(), "INT");
            if (!OsProcesses.awaitExit(postmaster, Duration.ofSeconds(30))) {
                OsProcesses.signal(postmaster.pid(), "QUIT");
                if (!OsProcesses.awaitExit(postmaster, Duration.ofSeconds(10))) {
                    postmaster.destroyForcibly();
                    OsProcesses.awaitExit(postmaster, Duration.ofSeconds(10));
                }
            }
        }
        OsProcesses.deleteQuietly(pidFile);
    }

    private void closeEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                embedded = null;
            }
        }
    }

    private void awaitReachable(Duration timeout) {
        SQLException[] last = {null};
        boolean reached = Poll.until(timeout, Duration.ofMillis(500), () -> {
            try (Connection connection = connect("postgres", superuser())) {
                return true;
            } catch (SQLException e) {
                last[0] = e;
                return false;
            }
        });
        if (!reached) {
            throw new LauncherException("Cannot reach PostgreSQL at " + host() + ":" + port() + " as " + superuser().username()
                    + ": " + (last[0] == null ? "timed out" : last[0].getMessage()));
        }
    }

    private Connection connect(String database, Credentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * The authentication rules: passwords (SCRAM) over the loopback, the superuser anywhere and every other role only in
     * the database of its own name; through the server's Unix socket, only the services (the launcher uses TCP).
     */
    static String hostBasedAuthentication() {
        return String.join("\n",
                "# Written by the Bazaar launcher before every start; edits here are overwritten.",
                "# The superuser may use every database; any other role only the database named after it.",
                "# TYPE  DATABASE  USER      ADDRESS         METHOD",
                "host    all       " + SUPERUSER + "  127.0.0.1/32    scram-sha-256",
                "host    all       " + SUPERUSER + "  ::1/128         scram-sha-256",
                "host    sameuser  all       127.0.0.1/32    scram-sha-256",
                "host    sameuser  all       ::1/128         scram-sha-256",
                "local   sameuser  all                       scram-sha-256",
                "");
    }

    private static void writeHostBasedAuthentication(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hostBasedAuthentication(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf", e);
        }
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
