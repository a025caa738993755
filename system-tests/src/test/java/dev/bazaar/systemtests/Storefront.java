package dev.bazaar.systemtests;

import java.net.URI;
import java.time.Duration;

import dev.bazaar.launcher.Identity;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The storefront, as a person in a browser uses it: sign in, fill the cart, check out, follow the order. */
final class Storefront {

    /** The saga with the tests' one-second carrier ends well within this, even on a busy machine. */
    static final Duration DELIVERY = Duration.ofSeconds(90);

    private final URI shop;
    private final URI gateway;

    Storefront(URI shop, URI gateway) {
        this.shop = shop;
        this.gateway = gateway;
    }

    static Storefront ofTheRunningPlatform() {
        return new Storefront(RunningPlatform.get().applicationUrl("storefront"), RunningPlatform.get().gatewayUrl());
    }

    URI url(String path) {
        return shop.resolve(path);
    }

    void open(Browser browser, String path) {
        browser.driver.get(url(path).toString());
    }

    /** From the shop's sign-in link to identity's form, reached through the gateway; then back at the shop. */
    void signIn(Browser browser, String email) {
        signIn(browser, email, Shopper.PASSWORD);
    }

    void signIn(Browser browser, String email, String password) {
        open(browser, "/oauth2/authorization/identity");
        fillInSignIn(browser, email, password);
    }

    /** Identity's sign-in form, already open (a page that needs a shopper sent the browser there). */
    void fillInSignIn(Browser browser, String email) {
        fillInSignIn(browser, email, Shopper.PASSWORD);
    }

    void fillInSignIn(Browser browser, String email, String password) {
        browser.await(By.id("username")).sendKeys(email);
        if (!browser.driver.getCurrentUrl().startsWith(gateway.resolve("/login").toString())) {
            throw new AssertionError("not identity's sign-in form at the gateway: " + browser.where());
        }
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().startsWith(shop.toString()));
    }

    /** Staff's sign-in, on a browser of their own. */
    void signInAsStaff(Browser browser) {
        signIn(browser, Identity.STAFF_EMAIL, RunningPlatform.get().staffPassword());
    }

    /** One of the product in the cart, checked out with the card: the order's id, its page open. */
    String buy(Browser browser, String sku, String card) {
        open(browser, "/products/" + sku);
        browser.click(By.id("add-to-cart"));
        browser.click(By.id("to-checkout"));
        browser.await(By.id("card")).sendKeys(card);
        browser.click(By.id("place-order"));
        browser.await(By.cssSelector("[data-order]"));
        return browser.driver.findElement(By.cssSelector("[data-order]")).getDomAttribute("data-order");
    }

    /** The order page follows the saga by itself: nothing here reloads it. */
    static void awaitStatus(Browser browser, String status) {
        new WebDriverWait(browser.driver, DELIVERY).until(driver ->
                !driver.findElements(By.cssSelector("#status[data-status='" + status + "']")).isEmpty());
    }
}
