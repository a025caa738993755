package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path is analysed as it is; a git URL is cloned, with its whole history. */
class SourcesIT {

    @TempDir
    Path dir;

    @Test
    void aPathIsUsedAsItIs() throws Exception {
        assertThat(Sources.isGitUrl("samples/distributed-monolith")).isFalse();
        assertThat(Sources.resolve("samples/distributed-monolith")).isEqualTo(Path.of("samples/distributed-monolith"));
        assertThat(Sources.isGitUrl("https://github.com/example/shop.git")).isTrue();
        assertThat(Sources.isGitUrl("git@github.com:example/shop.git")).isTrue();
    }

    @Test
    void aFileUrlIsClonedWithItsHistory() throws Exception {
        Path origin = dir.resolve("origin");
        try (GitRepos repo = GitRepos.shop(origin)) {
            for (int i = 1; i <= 10; i++) {
                repo.change("a " + i, "a");
            }
        }
        Path clone = Sources.resolve(origin.toUri().toString());
        try {
            assertThat(clone).isNotEqualTo(origin);
            assertThat(clone.getFileName()).hasToString("origin"); // named like the repository, as the scorecard is
            assertThat(clone.resolve("a/pom.xml")).isRegularFile();
            SignResult sign = ReleaseCoupling.analyse(Build.read(clone).orElseThrow(), Optional.empty());
            assertThat(sign.summary()).startsWith("0 of 10 commits touching services");
        } finally {
            try (var files = Files.walk(clone.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
