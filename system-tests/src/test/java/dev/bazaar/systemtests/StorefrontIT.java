package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.bazaar.launcher.Platform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The storefront, as people use it, in headless Chromium: sign up, search, fill a cart, check out and watch the order
 * arrive; a price staff change shows in the cart; a declined card is explained; one shopper cannot open another's
 * order. (That a product page degrades while catalog is down, and the shop keeps serving, is drill 2 of DrillsIT.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorefrontIT {

    private static Platform platform;
    private static URI shop;
    private static Storefront storefront;
    private static Gateway staff;

    @BeforeAll
    static void stockIsAmple() {
        platform = RunningPlatform.get();
        shop = platform.applicationUrl("storefront");
        storefront = Storefront.ofTheRunningPlatform();
        staff = RunningPlatform.staff();
        for (String sku : new String[] {"BOOK-002", "HOME-002"}) {
            assertThat(staff.post("/api/inventory/stock/" + sku + "/receipts", "{\"quantity\":50}").status()).isBetween(200, 299);
        }
    }

    @Test
    @Order(1)
    void aShopperSignsUpSearchesFillsACartChecksOutAndWatchesTheOrderArrive() {
        String email = "storefront-" + UUID.randomUUID() + "@example.com";
        try (Browser browser = Browser.open()) {
            browser.driver.get(shop.resolve("/sign-up").toString());
            browser.await(By.id("name"));
            assertEveryFieldIsLabelled(browser);
            browser.driver.findElement(By.id("name")).sendKeys("Ada Lovelace");
            browser.driver.findElement(By.id("email")).sendKeys(email);
            browser.driver.findElement(By.id("password")).sendKeys(Shopper.PASSWORD);
            browser.driver.findElement(By.id("line1")).sendKeys("12 Market Street");
            browser.driver.findElement(By.id("postalCode")).sendKeys("69002");
            browser.driver.findElement(By.id("city")).sendKeys("Lyon");
            browser.driver.findElement(By.id("country")).sendKeys("FR");
            browser.click(By.id("sign-up"));
            storefront.fillInSignIn(browser, email);
            assertThat(browser.await(By.cssSelector("nav a[href='/account']")).getText()).isEqualTo(email);
            browser.screenshot(Browser.screenshot("storefront-home.png"));

            browser.await(By.id("q")).sendKeys("Domain-Driven", Keys.ENTER);
            browser.click(By.cssSelector("a[href='/products/BOOK-002']"));
            assertThat(browser.await(By.cssSelector(".price.big")).getText()).isEqualTo("€54.50");
            assertThat(browser.await(By.cssSelector("[data-test=availability]")).getText()).isEqualTo("In stock");
            browser.screenshot(Browser.screenshot("storefront-product.png"));
            // At a phone's width the page folds to one column: nothing sticks out sideways.
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            assertThat((Boolean) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).as("no sideways scrolling").isTrue();
            browser.screenshot(Browser.screenshot("storefront-product-phone.png"));
            browser.driver.manage().window().setSize(new Dimension(1280, 1000));
            browser.click(By.id("add-to-cart"));
            browser.await(By.cssSelector("tr[data-sku='BOOK-002']"));

            browser.driver.get(shop.resolve("/?category=home").toString());
            browser.click(By.cssSelector("a[href='/products/HOME-002']"));
            WebElement quantity = browser.await(By.id("quantity"));
            quantity.clear();
            quantity.sendKeys("2");
            browser.click(By.id("add-to-cart"));
            browser.await(By.cssSelector("tr[data-sku='HOME-002']"));
            assertThat(browser.driver.findElement(By.cssSelector("[data-test=cart-total]")).getText())
                    .as("54.50 + 2 × 89.90").isEqualTo("€234.30");
            browser.screenshot(Browser.screenshot("storefront-cart.png"));

            browser.click(By.id("to-checkout"));
            assertThat(browser.await(By.tagName("address")).getText()).contains("12 Market Street").contains("Lyon");
            assertEveryFieldIsLabelled(browser);
            browser.driver.findElement(By.id("card")).sendKeys(Shopper.APPROVED);
            browser.screenshot(Browser.screenshot("storefront-checkout.png"));
            browser.click(By.id("place-order"));

            awaitStatus(browser, "DELIVERED");
            String orderId = browser.driver.findElement(By.cssSelector("[data-order]")).getDomAttribute("data-order");
            assertThat(browser.driver.findElement(By.id("tracking")).getText()).startsWith("Tracking number ");
            assertThat(browser.driver.findElements(By.cssSelector("#timeline li"))).extracting(WebElement::getText)
                    .anySatisfy(step -> assertThat(step).startsWith("Received"))
                    .anySatisfy(step -> assertThat(step).startsWith("Delivered"));
            browser.screenshot(Browser.screenshot("storefront-order-delivered.png"));

            JsonNode order = staff.get("/api/orders/" + orderId).json();
            assertThat(order.path("lines").valueStream().map(line -> line.path("sku").asString() + "×" + line.path("quantity").asInt()))
                    .containsExactlyInAnyOrder("BOOK-002×1", "HOME-002×2");
            browser.driver.get(shop.resolve("/cart").toString());
            assertThat(browser.await(By.cssSelector("main .empty")).getText()).as("the cart became the order").startsWith("Your cart is empty");

            // Signing out ends identity's session too: the next person at this browser must sign in.
            browser.click(By.xpath("//button[normalize-space()='Sign out']"));
            browser.await(By.cssSelector("a[href='/sign-up']"));
            Shopper.Customer other = new Shopper(RunningPlatform.gateway()).registerCustomer();
            browser.driver.get(shop.resolve("/orders/" + orderId).toString());
            storefront.fillInSignIn(browser, other.email());
            assertThat(browser.await(By.tagName("h1")).getText()).as("another shopper's order").isEqualTo("Not found");
            assertThat(browser.driver.getPageSource()).doesNotContain("Domain-Driven Design");
        }
    }

    @Test
    @Order(2)
    void aPriceStaffChangeShowsInTheCartAndADeclinedCardIsExplained() {
        String sku = "SHOP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(staff.post("/api/catalog/products", """
                {"sku":"%s","name":"Enamel Teapot","description":"1.2 l, cast iron","category":"home",
                 "price":{"amount":10.00,"currency":"EUR"}}""".formatted(sku)).status()).isEqualTo(201);
        Awaitility.await("inventory knows the new product").atMost(Duration.ofSeconds(30)).until(() ->
                staff.post("/api/inventory/stock/" + sku + "/receipts", "{\"quantity\":20}").status() == 200);
        Shopper.Customer shopper = new Shopper(RunningPlatform.gateway()).registerCustomer();
        try (Browser browser = Browser.open()) {
            browser.driver.get(shop.resolve("/products/" + sku).toString());
            browser.click(By.linkText("Sign in"));
            storefront.fillInSignIn(browser, shopper.email());
            browser.driver.get(shop.resolve("/products/" + sku).toString());
            // Ordering learns of a new product by event, a moment after catalog announced it.
            Awaitility.await("ordering prices the new product").atMost(Duration.ofSeconds(30)).until(() -> {
                browser.click(By.id("add-to-cart"));
                browser.await(By.tagName("h1"));
                return browser.driver.findElements(By.cssSelector("tr[data-sku='" + sku + "']")).size() == 1;
            });

            // Staff change the price on their page of the shop.
            try (Browser staffBrowser = Browser.open()) {
                storefront.signInAsStaff(staffBrowser);
                storefront.open(staffBrowser, "/staff");
                staffBrowser.await(By.id("price-sku")).sendKeys(sku);
                staffBrowser.driver.findElement(By.id("price-amount")).sendKeys("12.50");
                staffBrowser.click(By.id("change-price"));
                assertThat(staffBrowser.await(By.cssSelector(".notice")).getText()).isEqualTo("Enamel Teapot now costs €12.50.");
            }
            Awaitility.await("the cart shows the new price").atMost(Duration.ofSeconds(30)).until(() -> {
                browser.driver.get(shop.resolve("/cart").toString());
                return !browser.driver.findElements(By.cssSelector("tr[data-sku='" + sku + "'] .changed")).isEmpty();
            });
            assertThat(browser.driver.findElement(By.cssSelector("tr[data-sku='" + sku + "'] .changed")).getText())
                    .isEqualTo("The price changed from €10.00 since you added it.");
            assertThat(browser.driver.findElement(By.cssSelector("[data-test=cart-total]")).getText()).isEqualTo("€12.50");
            browser.driver.get(shop.resolve("/products/" + sku).toString());
            assertThat(browser.await(By.cssSelector(".price.big")).getText()).as("the product page").isEqualTo("€12.50");

            browser.driver.get(shop.resolve("/checkout").toString());
            browser.await(By.id("card")).sendKeys(Shopper.DECLINED);
            browser.click(By.id("place-order"));
            awaitStatus(browser, "CANCELLED");
            assertThat(browser.driver.findElement(By.id("explanation")).getText())
                    .contains("card was declined").contains("no money was taken").contains("another card");
            browser.screenshot(Browser.screenshot("storefront-order-declined.png"));
        }
    }

    @Test
    @Order(3)
    void aShopperCancelsAConfirmedOrderAndSeesTheRefund() {
        Shopper.Customer shopper = new Shopper(RunningPlatform.gateway()).registerCustomer();
        // Nothing ships while fulfillment is away, so the order stays CONFIRMED (paid) until the shopper cancels it.
        platform.kill("fulfillment");
        try (Browser browser = Browser.open()) {
            storefront.signIn(browser, shopper.email());
            String orderId = storefront.buy(browser, "BOOK-002", Shopper.APPROVED);
            awaitStatus(browser, "CONFIRMED");

            browser.click(By.id("cancel-order"));
            // Paid, it is refunded once fulfillment has stopped the parcel: not while fulfillment is away.
            awaitStatus(browser, "CANCELLING");
            assertThat(browser.driver.findElement(By.id("explanation")).getText()).startsWith("You cancelled this order.")
                    .contains("stopping its parcel");
            assertThat(browser.driver.findElement(By.id("cancel")).isDisplayed()).as("cancelled already").isFalse();
            platform.restart("fulfillment");
            awaitStatus(browser, "CANCELLED");
            assertThat(browser.driver.findElement(By.id("explanation")).getText()).startsWith("You cancelled this order.");
            new WebDriverWait(browser.driver, Storefront.DELIVERY).until(driver ->
                    driver.findElement(By.id("payment")).getText().startsWith("Refunded: €54.50 back to the card ending 4242"));
            assertThat(browser.driver.findElement(By.id("cancel")).isDisplayed()).as("nothing left to cancel").isFalse();
            browser.screenshot(Browser.screenshot("storefront-order-cancelled.png"));
            assertThat(staff.get("/api/payments/" + orderId).json().path("status").asString()).isEqualTo("REFUNDED");
        } finally {
            if (platform.instances("fulfillment").isEmpty()) {
                platform.restart("fulfillment");
            }
        }
    }

    @Test
    @Order(4)
    void aShopperAsksAboutAnOrderStaffAnswerAndTheShopperSeesTheAnswer() {
        Shopper shopping = new Shopper(RunningPlatform.gateway());
        Shopper.Customer shopper = shopping.registerCustomer();
        shopping.awaitCustomerRecord(shopper);
        String orderId = shopping.placeOrder(shopper, "BOOK-002", 1, Shopper.APPROVED);
        try (Browser browser = Browser.open(); Browser staffBrowser = Browser.open()) {
            storefront.signIn(browser, shopper.email());
            storefront.open(browser, "/account");
            browser.await(By.id("deliveryInstructions")).sendKeys("Leave it with the neighbour at number 14");
            browser.click(By.id("save-preferences"));
            assertThat(browser.await(By.cssSelector(".notice")).getText()).isEqualTo("Your preferences are saved.");
            assertThat(browser.driver.findElement(By.id("deliveryInstructions")).getDomProperty("value"))
                    .isEqualTo("Leave it with the neighbour at number 14");
            assertThat(browser.driver.findElements(By.linkText("Staff"))).as("no staff link for a shopper").isEmpty();
            storefront.open(browser, "/staff");
            assertThat(browser.await(By.tagName("h1")).getText()).as("the staff pages, for a shopper").isEqualTo("Not allowed");

            storefront.open(browser, "/orders/" + orderId);
            browser.click(By.linkText("Ask us about this order"));
            browser.await(By.id("subject")).sendKeys("Gift wrapping");
            browser.driver.findElement(By.id("message")).sendKeys("Could you wrap it as a gift, please?");
            browser.click(By.id("open-request"));
            assertThat(browser.await(By.id("request-status")).getText()).isEqualTo("Waiting for an answer");
            String request = browser.driver.getCurrentUrl();

            storefront.signInAsStaff(staffBrowser);
            staffBrowser.click(By.linkText("Staff"));
            // The refund of the order cancelled in the test before is among the orders needing attention.
            assertThat(staffBrowser.await(By.id("refunded-orders")).getText()).contains("cancelled by the shopper");
            assertThat(staffBrowser.driver.findElement(By.id("dead-letters")).getText()).as("the console's count, read as staff")
                    .matches("(?s)(No dead letters: .*|Dead letters \\(events a service gave up on\\): .*)");
            staffBrowser.screenshot(Browser.screenshot("storefront-staff.png"));
            staffBrowser.click(By.linkText("Gift wrapping"));
            staffBrowser.await(By.id("text")).sendKeys("Of course: it leaves wrapped, with a card.");
            staffBrowser.click(By.id("send-message"));
            assertThat(staffBrowser.await(By.id("request-status")).getText()).isEqualTo("Answered");
            staffBrowser.screenshot(Browser.screenshot("storefront-staff-support.png"));

            browser.driver.get(request);
            assertThat(browser.await(By.id("request-status")).getText()).isEqualTo("Answered");
            assertThat(browser.driver.findElements(By.cssSelector(".thread li .text"))).extracting(WebElement::getText)
                    .containsExactly("Could you wrap it as a gift, please?", "Of course: it leaves wrapped, with a card.");
            browser.click(By.id("close-request"));
            assertThat(browser.await(By.id("request-status")).getText()).isEqualTo("Closed");
        }
    }

    @Test
    @Order(5)
    void anyoneMayBrowseButTheCartAndOrdersAreASignedInShoppers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(shop.resolve("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Designing Data-Intensive Applications");
        for (String page : new String[] {"/cart", "/checkout", "/orders", "/orders/" + UUID.randomUUID(), "/account", "/support", "/staff"}) {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(shop.resolve(page)).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValueSatisfying(location ->
                    assertThat(location).endsWith("/oauth2/authorization/identity"));
        }
        // A form posted from elsewhere carries no CSRF token: refused, nothing added.
        HttpResponse<Void> forged = http.send(HttpRequest.newBuilder(shop.resolve("/cart/add"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sku=BOOK-001&quantity=1")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<Void> unknown = http.send(HttpRequest.newBuilder(shop.resolve("/products/NO-SUCH-THING")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    /** Every field a person fills in has a label that a screen reader reads out. */
    private static void assertEveryFieldIsLabelled(Browser browser) {
        Object unlabelled = browser.driver.executeScript("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(field => field.labels.length === 0 && !field.getAttribute('aria-label')).map(field => field.name);");
        assertThat((List<?>) unlabelled).as("fields without a label on " + browser.driver.getCurrentUrl()).isEmpty();
    }

    private static void awaitStatus(Browser browser, String status) {
        Storefront.awaitStatus(browser, status);
    }
}
