package dev.bazaar.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.bazaar.launcher.LauncherConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through ChromeDriver: for the pages a person looks at. When they are missing,
 * {@code scripts/install-browser} installs them (as {@code .ci/run} does), so {@code ./mvnw verify} needs nothing
 * installed by hand; {@code BAZAAR_CHROMIUM} and {@code BAZAAR_CHROMEDRIVER} name others.
 */
final class Browser implements AutoCloseable {

    private static final Path REPO = LauncherConfig.findRepoRoot(Path.of("").toAbsolutePath());

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open() {
        String chromium = System.getenv().getOrDefault("BAZAAR_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("BAZAAR_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            install();
        }
        try {
            Path profile = Files.createTempDirectory("bazaar-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install() {
        try {
            Process install = new ProcessBuilder("bash", REPO.resolve("scripts/install-browser").toString()).inheritIO().start();
            if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("Chromium and ChromeDriver are missing and scripts/install-browser could not "
                        + "install them (see its message above)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    WebElement await(By what) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " never showed; " + where(), e);
        }
    }

    void click(By what) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(what)).click();
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " was never there to click; " + where(), e);
        }
    }

    /** Where the browser is and what it shows, for a failure's message: a test that waited in vain says on what. */
    String where() {
        String text = driver.findElements(By.tagName("body")).stream().map(WebElement::getText).findFirst().orElse("");
        return "the page is " + driver.getCurrentUrl() + ", showing: " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
    }

    /** Keeps what the page shows now, for the docs. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a test keeps what a page showed: the build's own folder, so that a test run leaves docs/ as it was. */
    static Path screenshot(String name) {
        return REPO.resolve("system-tests/target/screenshots").resolve(name);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary profile left behind is harmless.
        }
    }
}
