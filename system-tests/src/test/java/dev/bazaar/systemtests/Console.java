package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The platform's operations console, as staff see it: its JSON with the staff token, and its page in a browser after
 * signing in at identity. The test platform runs its alert windows sixty times faster than slos.yaml says
 * ({@code console.alerting-speed-up}, see RunningPlatform): an hour's window is a minute.
 */
final class Console {

    static final String ORDERS_LATE = "OrdersCompleteInTimeBudgetBurn";

    private final URI url;
    private final Gateway staff;

    Console(URI url, Gateway staff) {
        this.url = url;
        this.staff = staff;
    }

    JsonNode dashboard() {
        Gateway.Response answer = staff.get("/api/dashboard?span=5m");
        assertThat(answer.status()).as("GET /api/dashboard as staff: " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** An alert's state now: INACTIVE, PENDING or FIRING. */
    String state(String alert, String severity) {
        for (JsonNode objective : dashboard().path("objectives")) {
            for (JsonNode status : objective.path("alerts")) {
                if (status.path("alert").asString().equals(alert) && status.path("severity").asString().equals(severity)) {
                    return status.path("state").asString();
                }
            }
        }
        throw new AssertionError("the console knows no alert " + alert + " (" + severity + ")");
    }

    /** The burn rate of an objective's shortest window now; empty when nothing was counted in it. */
    Optional<Double> shortestBurnRate(String objective) {
        for (JsonNode view : dashboard().path("objectives")) {
            if (view.path("name").asString().equals(objective)) {
                JsonNode rate = view.path("burnRates").path(0).path("burnRate");
                return rate.isNull() || rate.isMissingNode() ? Optional.empty() : Optional.of(rate.asDouble());
            }
        }
        throw new AssertionError("the console knows no objective " + objective);
    }

    void awaitState(String alert, String severity, String state, Duration atMost) {
        Awaitility.await(alert + " (" + severity + ") " + state).atMost(atMost).pollInterval(Duration.ofSeconds(2))
                .until(() -> state(alert, severity).equals(state));
    }

    /** Whether an alert that fired has resolved since: the newest firing of it in the console's history. */
    boolean resolvedSinceItFired(String alert, String severity) {
        for (JsonNode event : dashboard().path("alertHistory")) {
            if (event.path("alert").asString().equals(alert) && event.path("severity").asString().equals(severity)) {
                return !event.path("resolved").isNull();
            }
        }
        return false;
    }

    /** Opens the page in the browser, signed in as staff through identity's form, once it has drawn its data. */
    void signIn(Browser browser, String email, String password) {
        browser.driver.get(url.toString());
        browser.await(By.id("username")).sendKeys(email);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(By.cssSelector("body[data-loaded=true]"));
    }

    /** How many points a chart of the page drew (its canvas' data-points, set when it draws). */
    static int pointsOf(Browser browser, String chart) {
        String points = browser.driver.findElement(By.id(chart)).getDomAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }
}
