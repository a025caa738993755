package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Grants read from a real PostgreSQL: roles and databases set up as Bazaar's launcher does, then one left open. */
class GrantsIT {

    private static EmbeddedPostgres postgres;
    private static final List<Grants.Owned> SERVICES = List.of(new Grants.Owned("catalog", "catalog", "catalog"),
            new Grants.Owned("ordering", "ordering", "ordering"));

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        sql("create role catalog login password 'c'", "create database catalog owner catalog",
                "revoke all on database catalog from public",
                "create role ordering login password 'o'", "create database ordering owner ordering",
                "revoke all on database ordering from public");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void eachDatabaseClosedToEveryOtherRoleIsProven() {
        SignResult grants = Grants.analyse(url(), SERVICES);

        assertThat(grants.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(grants.summary()).isEqualTo("grants proven: each of the 2 databases accepts only its own service's role");
        assertThat(grants.evidence()).extracting(Evidence::text).contains(
                "catalog: database catalog can be reached by login role(s) catalog, no other service's role",
                "ordering: database ordering can be reached by login role(s) ordering, no other service's role",
                "superusers, left out (they reach every database): postgres");
    }

    @Test
    void aDatabaseLeftOpenToAnotherServicesRoleIsAWarning() throws SQLException {
        sql("grant connect on database ordering to public");
        try {
            SignResult grants = Grants.analyse(url(), SERVICES);

            assertThat(grants.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(grants.summary()).isEqualTo("grants let other services' roles reach ordering");
            assertThat(grants.evidence()).extracting(Evidence::text)
                    .contains("ordering: database ordering can also be reached by catalog (catalog)");
        } finally {
            sql("revoke all on database ordering from public");
        }
    }

    @Test
    void aServerThatCannotBeReachedIsNotAnalysedWithTheReason() {
        SignResult grants = Grants.analyse("jdbc:postgresql://127.0.0.1:1/postgres?user=x&password=secret", SERVICES);

        assertThat(grants.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(grants.summary()).startsWith("PostgreSQL at jdbc:postgresql://127.0.0.1:1/postgres?user=x&password=*** could not be read")
                .doesNotContain("secret");
    }

    private static String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
