package dev.bazaar.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.bazaar.bench.Target;

/** The running platform, as the benchmark sees it. */
final class BenchTarget implements Target {

    private final Platform platform;

    BenchTarget(Platform platform) {
        this.platform = platform;
    }

    @Override
    public URI gateway() {
        return platform.gatewayUrl();
    }

    @Override
    public String staffToken() {
        return platform.staffToken();
    }

    /** At identity itself: setting the shop up is not what is measured, and the gateway limits sign-ins per address. */
    @Override
    public String signIn(String email, String password) {
        return Identity.token(platform.applicationUrl(Identity.COMPONENT), email, password);
    }

    @Override
    public List<URI> instancesOf(String service) {
        return platform.instanceUrls(service);
    }

    @Override
    public List<Process> processes() {
        return platform.status().stream().filter(status -> status.pid().isPresent())
                .map(status -> new Process(status.name(), status.pid().getAsLong(), status.memoryBytes(),
                        status.name().equals("postgres")))
                .toList();
    }

    @Override
    public Connection postgres() throws SQLException {
        Credentials superuser = platform.superuserCredentials();
        return DriverManager.getConnection(platform.postgresJdbcUrl("postgres"), superuser.username(), superuser.password());
    }

    @Override
    public void cardProcessorLatency(Duration latency) {
        platform.cardProcessorLatency(latency);
    }

    @Override
    public Path reports() {
        return platform.config().home().resolve("reports");
    }
}
