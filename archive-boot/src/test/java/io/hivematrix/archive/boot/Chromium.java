package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium under Selenium for the page's browser tests, and what they check in it: axe-core's audit,
 * keyboard focus, the width of the page, and screenshots to {@code target/screenshots/}.
 */
final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** WCAG 2.0/2.1/2.2 levels A and AA, plus axe's best practices (landmarks, one h1, heading order). */
    private static final List<String> AUDIT = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private Chromium() {
    }

    /** A headless Chromium at 1280 x 1000; the test is skipped where Chromium or chromedriver is not installed. */
    static WebDriver start() throws IOException {
        return start(Map.of());
    }

    /** As {@link #start()}, with these browser preferences (where downloads go, say) set. */
    static WebDriver start(Map<String, Object> prefs) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("insight-chromium"));
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Opens {@code page} with its tab session cleared, so no token or view is left from an earlier test. */
    static void openFresh(WebDriver driver, URI page) {
        driver.get(page.toString());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
    }

    /**
     * Opens {@code page} in a fresh tab session and signs in through the dev token box with {@code bearer}; what
     * shows that the page has loaded differs by role, so the caller waits for it.
     */
    static void enterToken(WebDriver driver, URI page, String bearer) {
        openFresh(driver, page);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id("token")))
                .sendKeys(bearer.substring("Bearer ".length()));
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    /** axe-core's audit of the page as it is now; any violation fails the test with its rule and elements. */
    static void accessible(WebDriver driver, String view) {
        Results results = new AxeBuilder().withTags(AUDIT).analyze(driver);
        assertTrue(!results.isErrored(), () -> "axe could not run: " + results.getErrorMessage());
        String violations = results.getViolations().stream()
                .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " at "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .collect(Collectors.joining("\n  "));
        assertTrue(results.getViolations().isEmpty(), () -> view + ": accessibility violations:\n  " + violations);
    }

    /** Presses Tab until the element has the focus; fails if it is not reached within that many presses. */
    static void tabUntil(WebDriver driver, WebElement target, int presses) {
        for (int i = 0; i < presses; i++) {
            if (target.equals(driver.switchTo().activeElement())) {
                return;
            }
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target.getAttribute("outerHTML"));
    }

    /** Nothing is wider than the window, and no visible scroll box needs sideways scrolling. */
    static boolean fitsViewport(WebDriver driver) {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"
                        + " && Array.from(document.querySelectorAll('.scroll')).filter(e => e.offsetParent !== null)"
                        + ".every(e => e.scrollWidth <= e.clientWidth);");
        return Boolean.TRUE.equals(fits);
    }

    /** The elements that stick out to the right, to name in a failure. */
    static Object tooWide(WebDriver driver) {
        return ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
    }

    /** Saves what the window shows as {@code target/screenshots/<name>.png}. */
    static Path screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        return Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
