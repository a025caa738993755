package dev.bazaar.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigurationTest {

    @Test
    void kafkaIsOneNodeThatIsBrokerAndControllerOnTheLoopback() {
        String properties = KafkaServer.serverProperties(Path.of("/home/kafka/data"), 29092, 29093,
                Map.of("admin", "adminSecret", "ordering", "orderingSecret"));

        assertThat(properties.lines()).contains(
                "process.roles=broker,controller",
                "controller.quorum.voters=1@127.0.0.1:29093",
                "listeners=SASL_PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093",
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:29092",
                "log.dirs=/home/kafka/data",
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1");
    }

    @Test
    void everyKafkaConnectionAuthenticatesAndIsAuthorizedWithAdminTheOnlySuperuser() {
        String properties = KafkaServer.serverProperties(Path.of("/data"), 29092, 29093,
                Map.of("admin", "adminSecret", "ordering", "orderingSecret"));

        assertThat(properties.lines()).contains(
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=PLAIN",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:admin",
                "allow.everyone.if.no.acl.found=false");
        assertThat(properties).contains("user_ordering=\"orderingSecret\"", "username=\"admin\" password=\"adminSecret\"")
                .doesNotContain("PLAINTEXT:PLAINTEXT");
    }

    @Test
    void aServiceRoleReachesOnlyTheDatabaseOfItsNameAndOnlyWithAPasswordOverTheLoopbackOrTheSocket() {
        String rules = PostgresServer.hostBasedAuthentication();

        assertThat(rules.lines().filter(line -> !line.startsWith("#")).map(line -> line.split("\\s+")))
                .hasSize(5)
                .allSatisfy(rule -> {
                    assertThat(rule[0]).isIn("host", "local");
                    if (rule[0].equals("host")) {
                        assertThat(rule[3]).isIn("127.0.0.1/32", "::1/128");
                    }
                    assertThat(rule[rule.length - 1]).isEqualTo("scram-sha-256");
                    assertThat(rule[1].equals("sameuser") || rule[0].equals("host") && rule[2].equals("postgres")).isTrue();
                });
        assertThat(rules).doesNotContain("trust");
    }

    @Test
    void aServiceIsGivenTheSocketUnderTheHomeUnlessItsPathCannotBeOne() {
        assertThat(PostgresServer.socketUnder(Path.of("/home/me/bazaar/.bazaar"), 15432))
                .contains(Path.of("/home/me/bazaar/.bazaar/run/.s.PGSQL.15432"));
        assertThat(PostgresServer.socketUnder(Path.of("/" + "long-directory-name/".repeat(5)), 15432))
                .as("longer than a socket's address may be").isEmpty();
        assertThat(PostgresServer.socketUnder(Path.of("/home/me/my shop/.bazaar"), 15432))
                .as("a space, which pg_ctl's options cannot carry").isEmpty();
        assertThat(PostgresServer.socketJdbcUrl("ordering", Path.of("/srv/.bazaar/run/.s.PGSQL.15432"))).isEqualTo(
                "jdbc:postgresql://localhost/ordering?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                        + "&socketFactoryArg=%2Fsrv%2F.bazaar%2Frun%2F.s.PGSQL.15432");
    }

    @Test
    void quotesNamesAndValuesInSql() {
        assertThat(PostgresServer.identifier("odd\"name")).isEqualTo("\"odd\"\"name\"");
        assertThat(PostgresServer.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void readsKilobytesFromProcStatus() {
        assertThat(OsProcesses.parseKilobytes("   245760 kB")).isEqualTo(245_760);
    }

    @Test
    void generatesLongRandomPasswordsThatNeedNoQuoting() {
        String password = Secrets.generate();

        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(Secrets.generate()).isNotEqualTo(password);
    }
}
