package dev.bazaar.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a person meets it: help that teaches, and usage errors that say what is wrong (status 2). */
class BazaarIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryCommandWithWhatItDoes() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: bazaar", "up", "down", "status", "restart", "scale", "kill", "logs", "reset",
                "audit", "dlq", "rebuild", "topology", "BAZAAR_PORT_OFFSET");
    }

    @Test
    void eachCommandExplainsItself() {
        assertThat(run("scale", "--help")).isZero();
        assertThat(out()).contains("Usage: bazaar scale", "SERVICE", "N", "drained first");
        assertThat(run("help", "restart")).isZero();
        assertThat(out()).contains("replaced one at a time");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Missing command", "Usage: bazaar");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument", "'deploy'");
    }

    @Test
    void anUnknownComponentIsAUsageErrorNamingTheKnownOnes() {
        assertThat(run("kill", "billing")).isEqualTo(2);
        assertThat(err()).contains("Unknown component 'billing'", "ordering", "gateway", "ordering-2");
    }

    @Test
    void onlyServicesScaleOrHaveDeadLetters() {
        assertThat(run("scale", "gateway", "2")).isEqualTo(2);
        assertThat(err()).contains("Unknown service 'gateway'");
        assertThat(run("dlq", "ordering", "replay", "7")).isEqualTo(2);
        assertThat(err()).contains("takes 'redrive ID' or 'discard ID', not 'replay'");
        // Before, it was passed on, and the command failed with exit 1 rather than saying what it takes.
        assertThat(run("dlq", "ordering", "redrive", "abc")).isEqualTo(2);
        assertThat(err()).contains("a dead letter's ID is a number, as 'dlq ordering' lists it, not 'abc'");
    }

    @Test
    void aCountThatIsNotANumberOrOutOfRangeIsAUsageError() {
        assertThat(run("scale", "ordering", "two")).isEqualTo(2);
        assertThat(err()).contains("'two'");
        assertThat(run("scale", "ordering", "10")).isEqualTo(2);
        assertThat(err()).contains("A service runs 0 to 9 instances, not 10", "Usage: bazaar scale");
    }

    @Test
    void aComparisonRefusesLatenciesAndRatesItCannotRunBeforeItStartsAnything() {
        assertThat(run("compare", "--card-latency", "0ms,slow")).isEqualTo(2);
        assertThat(err()).contains("'slow' is not a duration");
        assertThat(run("compare", "--card-latency", "1m")).isEqualTo(2);
        assertThat(err()).contains("30 s at most");
        assertThat(run("compare", "--rate", "0")).isEqualTo(2);
        assertThat(err()).contains("the rate is above 0");
    }

    @Test
    void theMapIsShownWithItsPorts() {
        assertThat(run("topology")).isZero();
        assertThat(out()).contains("COMPONENT", "ordering", "service", "/api/orders/**", "postgres,kafka");
    }

    @Test
    void theMapsDocsAreRegeneratedWithTheSloFiles() {
        assertThat(run("topology", "--help")).isZero();
        assertThat(out()).contains("--write-docs", "docs/topology.md", "docs/prometheus/slo-rules.yaml", "slos.yaml");
    }

    @Test
    void aRepositoryTheCheckCannotReadOrCloneIsSaidInALineNotAStackTrace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project><broken");

        assertThat(run("check", dir.toString(), "--html", dir.resolve("report.html").toString())).isEqualTo(1);
        assertThat(err()).startsWith("bazaar: cannot check " + dir).contains("pom.xml").doesNotContain("\tat ");

        assertThat(run("check", dir.resolve("nowhere").toUri().toString())).isEqualTo(1);
        assertThat(err()).contains("\nbazaar: cannot clone file:").doesNotContain("\tat ");
    }

    @Test
    void aReportThatCannotBeWrittenIsAUsageErrorBeforeAnythingIsChecked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");

        // Before: the check ran, then writing the report failed with a stack trace.
        assertThat(run("check", dir.toString(), "--html", file.resolve("report.html").toString())).isEqualTo(2);
        assertThat(err()).contains("--html " + file.resolve("report.html") + ": cannot make its folder").doesNotContain("\tat ");
        assertThat(run("check", dir.toString(), "--html", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("not a file that can be written");
    }

    @Test
    void completionIsGeneratedForBash() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("complete -F", "bazaar");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Bazaar.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
