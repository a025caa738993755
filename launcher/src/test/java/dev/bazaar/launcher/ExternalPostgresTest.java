package dev.bazaar.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalPostgresTest {

    @Test
    void readsUserPasswordHostAndPortFromAUri() {
        assertThat(ExternalPostgres.parse("postgresql://admin:pw@db.example:6543/postgres"))
                .isEqualTo(new ExternalPostgres("db.example", 6543, "admin", "pw"));
    }

    @Test
    void defaultsToPostgresPort() {
        assertThat(ExternalPostgres.parse("postgres://admin:pw@localhost").port()).isEqualTo(5432);
    }

    @Test
    void decodesPercentEncodedCredentials() {
        ExternalPostgres postgres = ExternalPostgres.parse("postgresql://ad%40min:p%3Aw%2Bd+x@localhost:5433");

        assertThat(postgres.username()).isEqualTo("ad@min");
        assertThat(postgres.password()).isEqualTo("p:w+d+x");
    }

    @Test
    void readsCredentialsFromTheParametersOfAJdbcUrl() {
        assertThat(ExternalPostgres.parse("jdbc:postgresql://db:5433/postgres?user=admin&password=p%26w&ssl=false"))
                .isEqualTo(new ExternalPostgres("db", 5433, "admin", "p&w"));
    }

    @Test
    void acceptsAJdbcPrefix() {
        assertThat(ExternalPostgres.parse("jdbc:postgresql://a:b@h:1").host()).isEqualTo("h");
    }

    @Test
    void refusesAUriWithoutCredentials() {
        assertThatThrownBy(() -> ExternalPostgres.parse("postgresql://localhost:5432"))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("user and a password");
    }

    @Test
    void refusesAnotherScheme() {
        assertThatThrownBy(() -> ExternalPostgres.parse("mysql://a:b@h:3306"))
                .isInstanceOf(LauncherException.class);
    }

    @Test
    void neverShowsThePassword() {
        assertThat(new ExternalPostgres("h", 1, "u", "secret").toString()).doesNotContain("secret");
        assertThat(new Credentials("u", "secret").toString()).doesNotContain("secret");
    }
}
