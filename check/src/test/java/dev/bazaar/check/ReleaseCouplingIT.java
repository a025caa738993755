package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign 7 on histories written on the spot, on the sample (too little history) and on Bazaar (whatever it shows). */
class ReleaseCouplingIT {

    @TempDir
    Path dir;

    @Test
    void servicesChangedInTheSameCommitsArePresent() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 6; i++) {
                repo.change("feature " + i + " needs a and b", "a", "b");
            }
            for (int i = 1; i <= 5; i++) {
                repo.change("c alone " + i, "c");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).startsWith("6 of 11 commits touching services change 2+ services (55%)")
                .contains("1 coupled pair(s), 1 at 50%+; the most: a and b 100%");
        assertThat(sign.evidence()).anySatisfy(e -> assertThat(e.text())
                .isEqualTo("a and b: degree 100% (6 shared commits; a 6, b 6)"));
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.file()).matches("[0-9a-f]{7,}");
            assertThat(e.text()).isEqualTo("feature 6 needs a and b (a, b; 2 files)");
        });
        assertThat(sign.threshold()).contains("Code Maat", "5+ shared", ">= 30%");
    }

    @Test
    void aPairAtCodeMaatsThresholdButBelowHalfIsAWarning() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 8; i++) {
                repo.change("a alone " + i, "a").change("b alone " + i, "b");
            }
            for (int i = 1; i <= 5; i++) {
                repo.change("a and b " + i, "a", "b");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(sign.summary()).startsWith("5 of 21 commits touching services change 2+ services (24%)")
                .contains("the most: a and b 38%");
    }

    @Test
    void independentServicesAreClear() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 4; i++) {
                repo.change("a " + i, "a").change("b " + i, "b").change("c " + i, "c").change("lib " + i, "lib");
            }
            repo.change("one library change used by all", "lib", "a", "lib");
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).isEqualTo("0 of 13 commits touching services change 2+ services (0%); "
                + "no pair of services changes together often enough");
    }

    @Test
    void onlyWhatAServiceShipsCountsNotItsTestsOrBuild() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 6; i++) {
                repo.write("a/Dockerfile", "FROM eclipse-temurin:" + (16 + i))
                        .write("b/src/test/java/HelperTest.java", "// " + i).change("a alone " + i, "a")
                        .change("b alone " + i, "b");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.summary()).startsWith("0 of 12 commits touching services change 2+ services (0%)");
    }

    @Test
    void aDependencySweptThroughSeveralBuildsIsNeitherAPairNorAFeature() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 6; i++) {
                for (String module : new String[] {"a", "b"}) {
                    String pom = java.nio.file.Files.readString(dir.resolve(module + "/pom.xml"));
                    repo.write(module + "/pom.xml", pom + "<!-- tracer " + i + " -->");
                }
                repo.change("adopt tracer " + i + " in a and b", "a", "b");
            }
            for (int i = 1; i <= 5; i++) {
                repo.change("a alone " + i, "a").change("b alone " + i, "b");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).isEqualTo("0 of 10 commits touching services change 2+ services (0%), leaving out 6 "
                + "that change the builds of 2+; no pair of services changes together often enough");
    }

    @Test
    void theSameEditInEachServiceIsNeitherAPairNorAFeatureAFunctionalChangeIs() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            repo.write("a/src/main/java/a/OrderListener.java",
                            listener("a", "Invoice invoice", "invoices.save(invoice);"))
                    .write("a/src/main/resources/application.properties", "spring.application.name=a\n")
                    .commit("a listens to orders");
            repo.write("b/src/main/java/b/OrderListener.java",
                            listener("b", "Shipment shipment", "shipping.ship(shipment);"))
                    .write("b/src/main/resources/application.properties", "spring.application.name=b\n")
                    .commit("b listens to orders");
            for (int i = 1; i <= 3; i++) {
                for (String m : new String[] {"a", "b"}) {
                    String file = m + "/src/main/resources/application.properties";
                    repo.write(file, Files.readString(dir.resolve(file)) + "spring.kafka.listener.setting-" + i
                            + "=false\n");
                }
                repo.commit("the same setting " + i + " in a and b");
            }
            // The same log statement, naming each service's own things: nearly the same line.
            for (String[] m : new String[][] {{"a", "invoices.save(invoice);", "invoice"},
                    {"b", "shipping.ship(shipment);", "shipment"}}) {
                String file = m[0] + "/src/main/java/" + m[0] + "/OrderListener.java";
                repo.write(file, Files.readString(dir.resolve(file)).replace(m[1],
                        "LOG.info(\"Received " + m[2] + " {}\", " + m[2] + ".getId());\n        " + m[1]));
            }
            repo.commit("log what is received");
            // One edit in each listener, in code naming each service's own types: the same words lost and gained.
            for (String[] m : new String[][] {{"a", "Invoice invoice"}, {"b", "Shipment shipment"}}) {
                String file = m[0] + "/src/main/java/" + m[0] + "/OrderListener.java";
                repo.write(file, Files.readString(dir.resolve(file)).replace("order(" + m[1] + ")",
                        "order(" + m[1] + ", Acknowledgment acknowledgment)"));
            }
            repo.commit("acknowledge explicitly");
            // A feature needing both: a producer and its consumer change, each in its own way.
            for (int i = 1; i <= 5; i++) {
                repo.change("feature " + i + " needs a and b", "a", "b");
            }
            for (int i = 1; i <= 3; i++) {
                repo.change("c alone " + i, "c");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).isEqualTo("5 of 10 commits touching services change 2+ services (50%), leaving out "
                + "5 that make the same edit in several services; 1 coupled pair(s), 1 at 50%+; the most: a and b 83%");
        assertThat(sign.evidence()).extracting(Evidence::text)
                .contains("a and b: degree 83% (5 shared commits; a 6, b 6)",
                        "5 commit(s) making the same edit in each service they change (what they change in each is "
                                + "50%+ alike): technical, left out of the pairs and the share",
                        "acknowledge explicitly (a, b; 100% alike)", "log what is received (a, b; 100% alike)",
                        "the same setting 3 in a and b (a, b; 100% alike)")
                .noneMatch(t -> t.startsWith("feature") && t.contains("alike"));
        assertThat(sign.threshold()).endsWith("a commit making the same edit in each service it changes (50%+ alike) "
                + "is in neither");
    }

    private static String listener(String module, String parameter, String work) {
        return """
                package %s;

                import org.springframework.kafka.annotation.KafkaListener;

                public class OrderListener {
                    @KafkaListener(topics = "order")
                    public void order(%s) {
                        %s
                    }
                }
                """.formatted(module, parameter, work);
    }

    @Test
    void aHandfulOfCommitsLeftOnceTechnicalOnesAreOutIsNotAnalysed() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 6; i++) {
                for (String module : new String[] {"a", "b"}) {
                    String pom = java.nio.file.Files.readString(dir.resolve(module + "/pom.xml"));
                    repo.write(module + "/pom.xml", pom + "<!-- tracer " + i + " -->");
                }
                repo.change("adopt tracer " + i + " in a and b", "a", "b");
            }
            for (int i = 1; i <= 3; i++) {
                repo.change("a and b " + i, "a", "b");
            }
            repo.change("a alone", "a");
        }
        SignResult sign = analyse(dir, Optional.empty());
        // 3 of 4 would be 75%: too few commits to say so.
        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).isEqualTo("too little history once technical commits are left out (4 of 10 commits "
                + "touching services; 10 needed)");
    }

    @Test
    void aCommitWhoseSubjectSaysItIsTechnicalIsNeitherAPairNorAFeature() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 3; i++) {
                repo.change("refactor: move the money type " + i, "a", "b");
                repo.change("Improved swagger documentation " + i, "a", "b");
            }
            for (int i = 1; i <= 6; i++) {
                repo.change("a alone " + i, "a").change("b alone " + i, "b");
            }
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("0 of 12 commits touching services change 2+ services (0%), leaving out "
                + "6 whose subject says they are technical;");
        assertThat(sign.evidence()).extracting(Evidence::text).anyMatch(t -> t.startsWith("refactor: move the money type"));
    }

    @Test
    void sinceLeavesOutOlderCommits() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 12; i++) {
                repo.change("a " + i, "a");
            }
        }
        assertThat(analyse(dir, Optional.empty()).verdict()).isEqualTo(Verdict.CLEAR);
        // The commits are an hour apart from 2024-01-01T11:00Z: none is from the day after.
        assertThat(analyse(dir, Optional.of(LocalDate.parse("2024-01-03"))).summary())
                .isEqualTo("too little history (0 commits touching services since 2024-01-03; 10 needed)");
    }

    @Test
    void notAGitRepositoryIsNotAnalysed() throws IOException, GitAPIException {
        GitRepos.shop(dir).close();
        deleteRecursively(dir.resolve(".git"));
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).isEqualTo("not a git repository");
    }

    @Test
    void aShallowCloneIsNotAnalysedAndSaysHowToFixIt() throws Exception {
        try (GitRepos repo = GitRepos.shop(dir)) {
            for (int i = 1; i <= 12; i++) {
                repo.change("a and b " + i, "a", "b");
            }
        }
        // What `git clone --depth 1` leaves: the commits whose parents were not fetched, in .git/shallow.
        try (var repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            ObjectId head = repository.resolve("HEAD");
            Files.writeString(dir.resolve(".git/shallow"), head.name() + "\n");
        }
        SignResult sign = analyse(dir, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).startsWith("a shallow clone").contains("git fetch --unshallow");
    }

    @Test
    void inASubdirectoryOnlyItsOwnPathsCount() throws Exception {
        Path shop = dir.resolve("samples/shop");
        GitRepos.shop(shop).close();
        deleteRecursively(shop.resolve(".git"));
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("root").setSign(false).call();
            for (int i = 1; i <= 11; i++) {
                Files.createDirectories(shop.resolve("a/src/main/java"));
                Files.writeString(shop.resolve("a/src/main/java/A.java"), "// " + i);
                Files.writeString(dir.resolve("README.md"), "outside " + i);
                git.add().addFilepattern(".").call();
                git.commit().setMessage("a " + i).setSign(false).call();
            }
        }
        SignResult sign = analyse(shop, Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).startsWith("0 of 11 commits touching services");
    }

    @Test
    void theSampleHasTooLittleHistoryOfItsOwn() {
        SignResult sign = analyse(Repositories.sample(), Optional.empty());
        assertThat(sign.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
        assertThat(sign.summary()).matches(
                "too little history \\(\\d commits touching services; 10 needed\\)|a shallow clone.*|not a git repository");
    }

    @Test
    void bazaarGetsACoherentVerdictFromWhateverHistoryItHas() {
        SignResult sign = analyse(Repositories.bazaar(), Optional.empty());
        if (sign.verdict() == Verdict.NOT_ANALYSED) {
            // A CI checkout may be shallow, or not a git repository at all (a source archive).
            assertThat(sign.summary()).matches("a shallow clone.*git fetch --unshallow.*|not a git repository|too little history.*");
            return;
        }
        assertThat(sign.summary()).matches("\\d+ of \\d+ commits touching services change 2\\+ services \\(\\d+%\\)"
                + "(, leaving out .+)?; .+");
        assertThat(sign.evidence()).first().satisfies(e -> assertThat(e.file()).isEqualTo("git log"));
        assertThat(sign.evidence()).extracting(Evidence::text).noneMatch(t -> t.contains("order-service"));
    }

    private static SignResult analyse(Path dir, Optional<LocalDate> since) {
        return ReleaseCoupling.analyse(Build.read(dir).orElseThrow(), since);
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
