package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.bazaar.launcher.Identity;
import dev.bazaar.launcher.Platform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The operations console on the running platform: staff only, and what it shows comes from every process. (That it
 * sees payment go down, fires and resolves its alert, and shows it in a browser is drill 1 of DrillsIT.)
 */
class ConsoleIT {

    private static Platform platform;
    private static URI console;

    @BeforeAll
    static void platformIsUp() {
        platform = RunningPlatform.get();
        console = platform.applicationUrl("console");
    }

    @Test
    void onlyStaffMayReadIt() throws Exception {
        Gateway anonymous = new Gateway(console);
        assertThat(anonymous.get("/api/dashboard").status()).as("no token").isEqualTo(401);
        Shopper.Customer shopper = new Shopper(RunningPlatform.gateway()).registerCustomer();
        assertThat(new Gateway(console).withToken(platform.token(shopper.email(), Shopper.PASSWORD)).get("/api/dashboard").status()).as("a shopper's token")
                .isEqualTo(403);
        assertThat(anonymous.get("/api/dashboard", "Bearer not-a-token").status()).as("a forged token").isEqualTo(401);
        assertThat(RunningPlatform.console().dashboard().path("services").size()).as("staff").isPositive();

        // A browser without a session is sent to sign in at identity, as the client `console`.
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.resolve("/"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/oauth2/authorization/identity"));
        // Health and metrics stay open, for the launcher and Prometheus.
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    /** The next person at the browser must sign in again, here and at the shop's staff pages. */
    @Test
    void signingOutEndsIdentitysSessionToo() {
        try (Browser browser = Browser.open()) {
            RunningPlatform.console().signIn(browser, Identity.STAFF_EMAIL, platform.staffPassword());
            browser.click(By.linkText("Sign out"));
            browser.click(By.cssSelector("button[type=submit]")); // Spring Security's "Are you sure?"

            // Had only the console's session ended, identity's would sign the browser straight back in.
            browser.driver.get(console.resolve("/").toString());
            assertThat(browser.await(By.id("password")).isDisplayed()).as("identity asks for the password").isTrue();
        }
    }

    @Test
    void itSeesEveryProcessAndCountsTheOrders() {
        Console staffConsole = RunningPlatform.console();
        Shopper shopper = new Shopper(RunningPlatform.gateway());
        Shopper.Customer customer = shopper.registerCustomer();
        String order = shopper.placeOrder(customer, "BOOK-001", 1, Shopper.APPROVED);
        shopper.awaitStatus(order, "DELIVERED");

        Awaitility.await("the console counts the delivered order").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode totals = staffConsole.dashboard().path("totals");
            return totals.path("placed").asDouble() >= 1 && totals.path("ended").path("delivered").asDouble() >= 1;
        });
        JsonNode view = staffConsole.dashboard();
        for (String application : platform.config().topology().applications().stream()
                .filter(component -> component.kind().isBuilt() && !component.name().equals("console"))
                .map(component -> component.name()).toList()) {
            assertThat(view.path("services").valueStream().filter(service -> service.path("name").asString().equals(application)))
                    .as(application + " on the console").singleElement()
                    .satisfies(service -> assertThat(service.path("up").asInt()).as(application + " up").isPositive());
        }
        assertThat(view.path("objectives").valueStream().map(objective -> objective.path("name").asString()))
                .containsExactly("orders-complete-in-time", "checkout-available", "catalog-reads-fast");
        assertThat(new Gateway(console).withToken(platform.staffToken()).get("/api/dashboard?span=2x").status())
                .as("a span that is no duration").isEqualTo(400);
    }
}
