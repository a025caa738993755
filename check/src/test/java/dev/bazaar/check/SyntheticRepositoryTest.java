package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small build written on the spot: application.yml, a Compose environment as a list, an application class. */
class SyntheticRepositoryTest {

    @TempDir
    Path repo;

    @Test
    void servicesOnTheirOwnDatabasesButOneLoginAreAWarning() throws IOException {
        write("pom.xml", pom("shop", "<packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>lib</module></modules>", null));
        write("a/pom.xml", pom("a", "", "<dependencies><dependency><groupId>x</groupId><artifactId>lib</artifactId>"
                + "</dependency></dependencies><build><plugins><plugin><groupId>org.springframework.boot</groupId>"
                + "<artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>"));
        write("b/pom.xml", pom("b", "", "<dependencies><dependency><groupId>x</groupId><artifactId>lib</artifactId>"
                + "</dependency></dependencies>"));
        write("b/src/main/java/b/B.java", "package b;\n@SpringBootApplication\npublic class B {}\n");
        write("lib/pom.xml", pom("lib", "", ""));
        write("lib/src/main/java/lib/Retry.java", "package lib;\npublic record Retry(int times) {}\n");
        write("a/src/main/resources/application.yml", """
                spring:
                  datasource:
                    url: ${A_DB:jdbc:postgresql://localhost:5432/a}
                    username: app
                """);
        write("b/src/main/resources/application.yaml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://localhost:5432/b
                """);
        write("compose.yaml", """
                services:
                  a:
                    build: ./a
                  b:
                    build: ./b
                    environment:
                      - SPRING_DATASOURCE_USERNAME=app
                """);

        Scorecard card = Check.run(repo);

        SignResult db = card.result(Sign.SHARED_DATABASE);
        // Their own databases on one server, but one login that reaches both: a warning.
        assertThat(db.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(db.summary()).startsWith("separate databases, but one login: user app (a, b);");
        assertThat(db.evidence()).extracting(Evidence::location)
                .containsExactlyInAnyOrder("a/src/main/resources/application.yml:4", "compose.yaml:7");
        SignResult libs = card.result(Sign.SHARED_LIBRARIES);
        assertThat(libs.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(libs.summary()).isEqualTo("shared, technical only: lib");
    }

    @Test
    void platformServersAndUndeployedModulesAreLeftOutAndSnapshotTagsNameNoRelease() throws IOException {
        String boot = "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>";
        write("pom.xml", pom("shop", "<packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>config</module><module>demo</module></modules>", null));
        write("a/pom.xml", pom("a", "", boot));
        write("b/pom.xml", pom("b", "", boot));
        write("demo/pom.xml", pom("demo", "", boot));
        write("config/pom.xml", pom("config", "", "<dependencies><dependency><groupId>org.springframework.cloud</groupId>"
                + "<artifactId>spring-cloud-config-server</artifactId></dependency></dependencies>" + boot));
        write("docker-compose.yml", """
                services:
                  config:
                    image: shop/config:1.0-SNAPSHOT
                  a:
                    image: shop/a:1.0-SNAPSHOT
                    depends_on: [config]
                  bee:
                    image: shop/b:1.0-SNAPSHOT
                    depends_on: [config]
                """);

        Scorecard card = Check.run(repo);

        assertThat(card.notes()).containsExactlyInAnyOrder(
                "config left out: platform infrastructure: depends on spring-cloud-config-server",
                "demo left out: no deployment descriptor runs it, while they run the other services");
        SignResult deployments = card.result(Sign.COORDINATED_DEPLOYMENTS);
        assertThat(deployments.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(deployments.summary()).startsWith("2 services, none waits for another at start: only for infrastructure (config)");
    }

    private static String pom(String artifactId, String extra, String more) {
        return "<project><modelVersion>4.0.0</modelVersion>"
                + (artifactId.equals("shop") ? "<groupId>x</groupId>"
                        : "<parent><groupId>x</groupId><artifactId>shop</artifactId><version>1</version></parent>")
                + "<artifactId>" + artifactId + "</artifactId><version>1</version>" + extra
                + (more == null ? "" : more) + "</project>";
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
