package dev.bazaar.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.launcher.Platform;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Swagger UI at the gateway, as a person uses it in a browser: sign in through identity's form (authorization code
 * with PKCE, in the pop-up Swagger UI opens), then try an operation of a service, which goes with the token.
 */
class ApiDocsInABrowserIT {

    @Test
    void aShopperSignsInToSwaggerUiAndTriesAnOperationWithTheirToken() {
        Platform platform = RunningPlatform.get();
        Shopper.Customer customer = new Shopper(RunningPlatform.gateway()).registerCustomer();
        String email = customer.email();
        try (Browser browser = Browser.open()) {
            browser.driver.get(platform.gatewayUrl().resolve("/swagger-ui.html").toString());
            // The list of services is disabled while a document loads, and may be again right after it was enabled:
            // choose ordering's once the first document shows, trying again while the list is still disabled.
            browser.await(By.cssSelector(".information-container .title"));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(UnsupportedOperationException.class)
                    .untilAsserted(() -> new Select(browser.driver.findElement(By.cssSelector(".topbar select")))
                            .selectByValue("/v3/api-docs/ordering"));
            browser.await(By.xpath("//*[contains(@class,'opblock-summary-path') and @data-path='/api/orders/{id}']"));

            browser.click(By.cssSelector(".auth-wrapper .btn.authorize"));
            String page = browser.driver.getWindowHandle();
            browser.click(By.cssSelector(".auth-btn-wrapper .btn.modal-btn.auth.authorize"));
            List<String> windows = new ArrayList<>(browser.driver.getWindowHandles());
            windows.remove(page);
            assertThat(windows).as("the sign-in pop-up").hasSize(1);
            browser.driver.switchTo().window(windows.get(0));
            assertThat(browser.driver.getCurrentUrl()).as("identity's sign-in form, reached through the gateway")
                    .startsWith(platform.gatewayUrl().resolve("/login").toString());
            browser.await(By.id("username")).sendKeys(email);
            browser.driver.findElement(By.id("password")).sendKeys(Shopper.PASSWORD);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            browser.driver.switchTo().window(page);
            WebElement signedIn = browser.await(By.xpath("//div[contains(@class,'auth-btn-wrapper')]/button[normalize-space()='Logout']"));
            assertThat(signedIn.isDisplayed()).isTrue();
            browser.click(By.cssSelector(".modal-ux .close-modal"));

            browser.click(By.xpath("//*[contains(@class,'opblock-summary-path') and @data-path='/api/orders/{id}']"));
            browser.click(By.cssSelector(".opblock.is-open .try-out__btn"));
            browser.await(By.cssSelector(".opblock.is-open input[placeholder='id']")).sendKeys(UUID.randomUUID().toString());
            browser.click(By.cssSelector(".opblock.is-open .btn.execute"));
            String status = browser.await(By.cssSelector(".opblock.is-open .live-responses-table tbody td.response-col_status")).getText();
            WebElement curl = browser.await(By.cssSelector(".opblock.is-open .curl-command"));
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", curl);
            browser.screenshot(Browser.screenshot("swagger-ui-signed-in.png"));

            assertThat(curl.getText()).as("the request Swagger UI sent").contains("Authorization: Bearer ey");
            assertThat(status).as("an order that is not theirs, asked with their token: 404, not 401").startsWith("404");
        }
    }
}
