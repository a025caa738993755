package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gradle builds, Groovy and Kotlin DSL: projects, services, project dependencies and their scopes. */
class GradleBuildIT {

    @TempDir
    Path repo;

    @Test
    void aGroovyBuildWithASharedDomainModuleIsReadLikeMavens() throws IOException {
        write("settings.gradle", """
                rootProject.name = 'shop'
                include 'common', 'order-service', 'order-service-api'
                include ":customer-service"
                // include "old-service"
                """);
        write("build.gradle", """
                buildscript {
                    dependencies { classpath "org.springframework.boot:spring-boot-gradle-plugin:3.3.0" }
                }
                subprojects {
                    apply plugin: 'java'
                    group = "com.example.shop"
                    dependencies { testImplementation 'org.junit.jupiter:junit-jupiter:5.10.0' }
                }
                """);
        write("common/build.gradle", "dependencies { implementation 'com.fasterxml.jackson.core:jackson-databind' }\n");
        write("common/src/main/java/shop/Money.java", "package shop;\npublic record Money(long cents) {}\n");
        write("common/src/main/java/shop/Customer.java", "package shop;\npublic record Customer(String id) {}\n");
        write("order-service-api/src/main/java/shop/OrderPlaced.java", "package shop;\npublic record OrderPlaced(String id) {}\n");
        write("order-service/build.gradle", """
                plugins {
                    id 'org.springframework.boot' version '3.3.0'
                }
                dependencies {
                    implementation project(':common')
                    api project(':order-service-api')
                    /* implementation project(':customer-service') */
                    implementation "org.springframework.cloud:spring-cloud-starter-openfeign:4.1.0"
                }
                """);
        write("customer-service/build.gradle", """
                dependencies {
                    compile project(path: ':common')
                    implementation(project(":order-service-api"))
                }
                """);
        write("customer-service/src/main/java/shop/CustomerApplication.java",
                "package shop;\n@SpringBootApplication\npublic class CustomerApplication {}\n");

        Build build = Build.read(repo).orElseThrow();

        assertThat(build.modules()).extracting(Build.Module::key).containsExactly("com.example.shop:shop",
                "com.example.shop:common", "com.example.shop:order-service", "com.example.shop:order-service-api",
                "com.example.shop:customer-service");
        assertThat(build.services()).extracting(Build.Module::artifactId).containsExactly("order-service", "customer-service");
        Build.Module order = build.module("com.example.shop:order-service").orElseThrow();
        assertThat(order.why().location()).isEqualTo("order-service/build.gradle:2");
        // The commented-out project and buildscript's classpath are not dependencies; subprojects' are everyone's.
        assertThat(order.dependencies()).containsExactly(new Build.Dep("com.example.shop:common", "compile"),
                new Build.Dep("com.example.shop:order-service-api", "compile"),
                new Build.Dep("org.springframework.cloud:spring-cloud-starter-openfeign", "compile"),
                new Build.Dep("org.junit.jupiter:junit-jupiter", "test"));
        assertThat(build.module("com.example.shop:customer-service").orElseThrow().why().text())
                .isEqualTo("@SpringBootApplication CustomerApplication");

        SignResult libraries = Check.run(repo).result(Sign.SHARED_LIBRARIES);
        assertThat(libraries.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(libraries.summary()).startsWith("shared domain module(s): common; "
                + "services' APIs as shared Java types: order-service-api");
        // Order's own API, whatever nouns its types carry, is its published language in Java: a warning.
        assertThat(libraries.evidence()).extracting(Evidence::text).contains("order-service-api (used by "
                + "customer-service, order-service): the API of order-service as 1 Java types; its users build against "
                + "them and rebuild when they change");
        assertThat(libraries.evidence()).extracting(Evidence::location).contains("common/build.gradle");
    }

    @Test
    void aKotlinBuildWithNestedProjectsAndTestOnlyUse() throws IOException {
        write("settings.gradle.kts", """
                rootProject.name = "store"
                include("services:orders", "services:billing")
                include("testing")
                project(":testing").projectDir = file("tools/testing")
                """);
        write("build.gradle.kts", """
                plugins {
                    id("org.springframework.boot") version "3.3.0" apply false
                }
                allprojects { group = "org.store" }
                """);
        for (String service : List.of("orders", "billing")) {
            write("services/" + service + "/build.gradle.kts", """
                    plugins { id("org.springframework.boot") }
                    dependencies {
                        implementation(libs.spring.boot.starter.web)
                        testImplementation(testFixtures(project(":testing")))
                    }
                    """);
        }
        write("tools/testing/build.gradle.kts", "plugins { `java-library` }\n");
        write("tools/testing/src/main/java/store/Fixtures.java", "package store;\npublic class Fixtures {}\n");

        Build build = Build.read(repo).orElseThrow();

        assertThat(build.services()).extracting(Build.Module::key).containsExactly("org.store:orders", "org.store:billing");
        assertThat(build.module("org.store:store").orElseThrow().service()).isFalse(); // `apply false` applies nothing
        assertThat(build.module("org.store:testing").orElseThrow().dir()).isEqualTo(repo.resolve("tools/testing"));
        assertThat(build.module("org.store:orders").orElseThrow().dependencies()).containsExactly(
                new Build.Dep("libs:spring-boot-starter-web", "compile"), new Build.Dep("org.store:testing", "test"));
        SignResult libraries = Check.run(repo).result(Sign.SHARED_LIBRARIES);
        assertThat(libraries.evidence()).extracting(Evidence::text)
                .anyMatch(text -> text.startsWith("testing (in tests only by billing, orders)"));
    }

    @Test
    void aServiceCutIntoModulesOwnsThoseOnlyItUses() throws IOException {
        write("settings.gradle", """
                include 'customer:customer-domain', 'customer:customer-main'
                include 'order:order-domain', 'order:order-main'
                include 'common'
                """);
        for (String service : List.of("customer", "order")) {
            write(service + "/" + service + "-main/build.gradle", """
                    apply plugin: 'org.springframework.boot'
                    dependencies {
                        implementation project(':%s:%s-domain')
                        implementation project(':common')
                    }
                    """.formatted(service, service));
            write(service + "/" + service + "-domain/build.gradle", "");
            // The same rule in both domains: a copy between the two services, found in the modules they own.
            write(service + "/" + service + "-domain/src/main/java/x/Rule.java", "package x;\npublic class Rule {\n"
                    + "    int check(int a) {\n".repeat(1) + "        int b = a * 2 + 1; if (b > 10) { b = b - 3; } else { b = b + 7; }\n".repeat(8)
                    + "        return a;\n    }\n}\n");
        }
        write("common/src/main/java/x/Clock.java", "package x;\npublic class Clock {}\n");

        Build build = Build.read(repo).orElseThrow();

        Build.Module customer = build.services().get(0);
        assertThat(customer.artifactId()).isEqualTo("customer-main");
        assertThat(build.ownedBy(customer)).extracting(Build.Module::artifactId).containsExactly("customer-domain");
        assertThat(build.mainJavaFiles(customer)).containsExactly(repo.resolve("customer/customer-domain/src/main/java/x/Rule.java"));
        SignResult copies = CopiedCode.analyse(build);
        assertThat(copies.evidence()).extracting(Evidence::file).containsOnly(
                "customer/customer-domain/src/main/java/x/Rule.java", "order/order-domain/src/main/java/x/Rule.java");
    }

    @Test
    void aFolderWithNoBuildIsNotAnalysedAndSaysWhatIsRead() throws IOException {
        write("README.md", "# not a build\n");

        SignResult sign = Check.run(repo).result(Sign.SHARED_LIBRARIES);

        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).contains("Maven (pom.xml) and Gradle (settings.gradle[.kts], build.gradle[.kts])");
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
