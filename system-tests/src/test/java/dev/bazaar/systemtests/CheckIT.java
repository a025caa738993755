package dev.bazaar.systemtests;

import static dev.bazaar.systemtests.Shopper.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bazaar.launcher.LauncherConfig;
import dev.bazaar.launcher.Platform;
import dev.bazaar.launcher.TraceTree;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bazaar measures itself as a user would, with everything the check can read: its files, an order's trace from the
 * running platform's Zipkin, and the grants of the platform's PostgreSQL. No sign is present; every one is clear but
 * a warning for one copied rule (release coupling, which reads git history, is the check module's own test: a CI
 * checkout may be shallow); the runtime evidence says why, and the HTML report draws the graph in a real browser.
 */
class CheckIT {

    private static final Path REPO = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());

    @Test
    void bazaarIsClearOnItsCodeItsTracesAndItsGrants() throws Exception {
        Platform platform = RunningPlatform.get();
        Shopper shopper = new Shopper(RunningPlatform.gateway());
        String orderId = shopper.placeOrder(shopper.registerCustomer(), "BOOK-002", 1, APPROVED);
        shopper.awaitStatus(orderId, "DELIVERED");
        TraceTree trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> platform.trace(orderId), found -> found.isPresent() && found.get().roots().size() == 1
                        && found.get().services().containsAll(List.of("gateway", "ordering", "inventory", "payment",
                        "fulfillment"))).orElseThrow();
        Path traces = Files.createDirectories(REPO.resolve("system-tests/target/check-traces"));
        try (var earlier = Files.list(traces)) { // this order's trace alone, whatever an earlier run left
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(traces.resolve(trace.traceId() + ".json"), zipkin(trace));
        Path html = REPO.resolve("system-tests/target/check-report.html");

        List<String> printed = Cli.bazaar(platform, Duration.ofMinutes(3), "check", ".", "--traces", traces.toString(),
                "--postgres", "platform", "--format", "json", "--html", html.toString());

        // What the launcher says before the scorecard (building itself, first) is not JSON.
        int start = printed.indexOf("{");
        assertThat(start).as(String.join("\n", printed)).isNotNegative();
        JsonNode card = JsonMapper.builder().build().readTree(String.join("\n", printed.subList(start, printed.size())));
        assertThat(card.path("exitCode").asInt()).isZero();
        JsonNode synchronous = sign(card, 1);
        assertThat(synchronous.path("verdict").asString()).isEqualTo("CLEAR");
        assertThat(synchronous.path("summary").asString()).contains("traces: 1 trace(s)")
                .contains("requests (0%) waited on another service");
        assertThat(sign(card, 2).path("verdict").asString()).isEqualTo("CLEAR");
        assertThat(sign(card, 2).path("summary").asString())
                .contains("grants proven: each of the 7 databases accepts only its own service's role");
        assertThat(sign(card, 5).path("verdict").asString()).isEqualTo("CLEAR");
        assertThat(sign(card, 5).path("summary").asString()).contains("traces: 0 synchronous hop(s) between business services");
        for (int number : new int[] {3, 4, 6}) {
            assertThat(sign(card, number).path("verdict").asString()).as("sign " + number).isEqualTo("CLEAR");
        }
        assertThat(card.path("graph").path("edges")).anySatisfy(edge -> {
            assertThat(edge.path("from").asString() + "->" + edge.path("to").asString()).isEqualTo("inventory->payment");
            assertThat(edge.path("synchronous").asBoolean()).isFalse();
            assertThat(edge.path("seenIn").asString()).contains("messaging", "traces");
        });

        try (Browser browser = Browser.open()) {
            browser.driver.get(html.toUri().toString());
            browser.await(By.id("dependency-graph"));
            assertThat(browser.driver.findElements(By.cssSelector("#dependency-graph g.node"))).hasSize(10);
            assertThat(browser.driver.findElements(By.cssSelector("#dependency-graph path.async"))).hasSizeGreaterThan(10);
            assertThat(browser.driver.findElements(By.cssSelector("#signs tbody tr"))).hasSize(7);
            assertThat(browser.driver.findElement(By.cssSelector(".headline")).getText())
                    .isEqualTo("No sign of a distributed monolith is present. Exit code 0.");
            browser.screenshot(Browser.screenshot("check-report.png"));
            WebElement graph = browser.driver.findElement(By.id("dependency-graph"));
            browser.driver.executeScript("arguments[0].scrollIntoView()", graph); // whole, in the window
            Files.write(Browser.screenshot("check-graph.png"), graph.getScreenshotAs(OutputType.BYTES));
        }
    }

    private static JsonNode sign(JsonNode card, int number) {
        for (JsonNode sign : card.path("signs")) {
            if (sign.path("number").asInt() == number) {
                return sign;
            }
        }
        throw new AssertionError("no sign " + number + " in " + card);
    }

    /** The trace as Zipkin's API gives it (JSON v2), what a user would export to a file. */
    private static String zipkin(TraceTree trace) throws Exception {
        URI api = trace.link().resolve("/api/v2/trace/" + trace.traceId());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(api.toString()).isEqualTo(200);
        return answer.body();
    }
}
