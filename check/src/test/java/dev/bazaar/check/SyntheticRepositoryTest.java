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
    void servicesOnOneUserButTheirOwnDatabasesShareADatabaseUser() throws IOException {
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
                  b:
                    build: ./b
                    environment:
                      - SPRING_DATASOURCE_USERNAME=app
                """);

        Scorecard card = Check.run(repo);

        SignResult db = card.result(Sign.SHARED_DATABASE);
        assertThat(db.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(db.summary()).contains("user app (a, b)").doesNotContain("5432/a (");
        assertThat(db.evidence()).extracting(Evidence::location)
                .containsExactlyInAnyOrder("a/src/main/resources/application.yml:4", "compose.yaml:5");
        SignResult libs = card.result(Sign.SHARED_LIBRARIES);
        assertThat(libs.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(libs.summary()).isEqualTo("shared, technical only: lib");
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
