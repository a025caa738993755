package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small build written on the spot: application.yml, a Compose environment as a list, an application class. */
class SyntheticRepositoryIT {

    /** What makes a module a service: it builds an executable jar. */
    private static final String BOOT =
            "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>";

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
        assertThat(libs.summary()).startsWith("shared, technical only: lib; copied code: no run");
    }

    @Test
    void platformServersAndUndeployedModulesAreLeftOutAndSnapshotTagsNameNoRelease() throws IOException {
        write("pom.xml", pom("shop", "<packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>config</module><module>demo</module></modules>", null));
        write("a/pom.xml", pom("a", "", BOOT));
        write("b/pom.xml", pom("b", "", BOOT));
        write("demo/pom.xml", pom("demo", "", BOOT));
        write("config/pom.xml", pom("config", "", "<dependencies><dependency><groupId>org.springframework.cloud</groupId>"
                + "<artifactId>spring-cloud-config-server</artifactId></dependency></dependencies>" + BOOT));
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

    @Test
    void codeCopiedFromOneServiceToAnotherIsFoundAndMeasured() throws IOException {
        write("pom.xml", pom("shop", "<packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "</modules>", null));
        write("a/pom.xml", pom("a", "", BOOT));
        write("b/pom.xml", pom("b", "", BOOT));
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            rules.append("        if (total > ").append(i * 10).append(") { discount = discount + ").append(i)
                    .append("; }\n");
        }
        String copied = "    static int discount(int total) {\n        int discount = 0;\n" + rules
                + "        return discount;\n    }\n";
        write("a/src/main/java/a/Prices.java", "package a;\n\nimport java.util.List;\n\nclass Prices {\n" + copied + "}\n");
        write("b/src/main/java/b/Invoice.java", "package b;\n\n// copied from a\nclass Invoice {\n    int id;\n"
                + copied + "    int other() { return 2; }\n}\n");

        SignResult copies = CopiedCode.analyse(Build.read(repo).orElseThrow());

        assertThat(copies.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(copies.summary()).startsWith("copied code: 1 run(s) of 100+ tokens in two services, making a ");
        assertThat(copies.evidence()).extracting(Evidence::location)
                .containsExactly("a/src/main/java/a/Prices.java:6", "b/src/main/java/b/Invoice.java:6");
        assertThat(copies.evidence().get(0).text()).matches("a: lines 6-21, \\d+ tokens copied");
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
