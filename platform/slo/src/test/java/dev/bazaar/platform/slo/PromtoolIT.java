package dev.bazaar.platform.slo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated Prometheus files as Prometheus' own promtool reads them: the rules and the scrape configuration are
 * valid, and the unit tests of docs/prometheus/slo-rules.test.yaml pass (synthetic series under which the page alert
 * fires, or must not). promtool comes from Debian's prometheus package, which {@code scripts/install-prometheus}
 * installs when it can; where it cannot, these tests are skipped, saying so, and {@link RepositorySlosIT}'s reading of
 * the same files is the check.
 */
class PromtoolIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path PROMETHEUS = ROOT.resolve("docs/prometheus");

    private static String promtool;

    @BeforeAll
    static void findOrInstallPromtool() throws Exception {
        promtool = onPath();
        if (promtool == null) {
            // Its output goes through this JVM's own streams (inheriting them would garble the test runner's channel).
            Process install = new ProcessBuilder("bash", ROOT.resolve("scripts/install-prometheus").toString())
                    .redirectErrorStream(true).start();
            System.out.print(new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            if (!install.waitFor(10, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
            promtool = onPath();
        }
    }

    @Test
    void theRulesAreValid() throws Exception {
        Result result = promtool("check", "rules", "slo-rules.yaml");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theScrapeConfigurationAndTheRulesItNamesAreValid() throws Exception {
        Result result = promtool("check", "config", "prometheus.yaml");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found", "SUCCESS: prometheus.yaml is valid");
    }

    @Test
    void theAlertsFireOnlyWhenBothWindowsBurnTheBudget() throws Exception {
        Result result = promtool("test", "rules", "slo-rules.test.yaml");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        assumeTrue(promtool != null, "promtool is not installed and scripts/install-prometheus could not install it (see its"
                + " message above): the generated rules are checked by RepositorySlosIT alone");
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve("promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private record Result(int exit, String output) {
    }
}
