package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bazaar.launcher.Platform;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./bazaar bench} keeps working: a run of a few seconds, as a user starts it, on the tests' platform. It checks
 * that the tool measures (orders accepted, ended, their stages, CPU and commits per order, whether the platform kept up
 * with the step and so where the knee is) and writes its report, not how fast the platform is: that is the tool's job,
 * not a test's. The step lasts the 20 s a knee is judged on, the shortest the tool allows for it.
 */
class BenchIT {

    @Test
    void aShortRunMeasuresTheSagaAndWritesItsReport() throws Exception {
        Platform platform = RunningPlatform.get();
        List<String> printed = Cli.bazaar(platform, Duration.ofMinutes(3), "bench", "--find-knee", "--rates", "4",
                "--duration", "20s", "--shoppers", "2", "--declined", "20", "--sold-out", "20", "--drain", "90s", "--sample", "10");

        String json = printed.stream().filter(line -> line.startsWith("Figures: ")).findFirst().orElseThrow()
                .substring("Figures: ".length());
        JsonNode figures = JsonMapper.builder().build().readTree(Files.readString(Path.of(json)));
        JsonNode step = figures.path("steps").path(0);
        assertThat(step.path("name").asString()).isEqualTo("4/s");
        assertThat(step.path("sent").asLong()).isEqualTo(80);
        assertThat(step.path("accepted").asLong()).as("accepted orders").isEqualTo(80);
        assertThat(step.path("endedPerSecond").asDouble()).as("ended per second in the step's second half").isPositive();
        // One step, so the knee is above it or below it, whichever the shared platform managed: this proves the knee is
        // carried to the figures, the output and the page, not the judgement (KneeTest does that).
        JsonNode knee = figures.path("knee");
        assertThat(step.path("keptUp").asBoolean() ? knee.path("keptUp").asString() : knee.path("fellBehind").asString())
                .isEqualTo("4/s");
        assertThat(printed).contains(knee.path("description").asString());
        assertThat(step.path("latency").path("p99").asDouble()).isPositive();
        assertThat(figures.path("saga").path("ended").asDouble()).as("orders ended").isGreaterThanOrEqualTo(80);
        assertThat(figures.path("saga").path("lastEndedAfterLoadSeconds").isNull()).as("drained").isFalse();
        assertThat(figures.path("stages").path("placed → ended").path("count").asLong()).isEqualTo(10);
        assertThat(figures.path("cpuMillisPerOrder").asDouble()).isPositive();
        assertThat(figures.path("commitsPerOrder").asDouble()).isPositive();
        assertThat(figures.path("cpuSeconds").has("ordering")).isTrue();

        // The report is a page a person opens: its plots draw from the figures inlined in it.
        Path report = Path.of(printed.stream().filter(line -> line.startsWith("Report: ")).findFirst().orElseThrow()
                .substring("Report: ".length()));
        try (Browser browser = Browser.open()) {
            browser.driver.get(report.toUri().toString());
            browser.await(By.cssSelector("body[data-drawn=true]"));
            assertThat(browser.driver.findElements(By.cssSelector("#steps tbody tr"))).hasSize(1);
            assertThat(browser.driver.findElement(By.id("knee")).getText()).isEqualTo(knee.path("description").asString());
            browser.screenshot(Browser.screenshot("bench-report.png"));
        }
    }
}
