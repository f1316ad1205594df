package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hivematrix.archive.application.service.CutCheckpointService;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real (system) Chromium against the real service over embedded PostgreSQL, loaded as behind
 * in dev: paste a token, search and page, open a bill, download its CSV, retry a job, and the same by keyboard
 * alone. Every view passes Deque's axe-core WCAG 2.1 A/AA audit (contrast, labels, names, landmarks) at 1280 px
 * and 390 px; screenshots of both layouts go to {@code target/screenshots/}. Skipped where Chromium is not
 * installed.
 */
@ServerTest
class WebUiBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static FakeCodexServer codex;
    private static FakeLedgerServer ledger;
    private static TestArchive archive;
    private static WebDriver driver;
    private static Path downloads;

    private final URI uri;

    WebUiBrowserIT(URI uri) {
        this.uri = uri;
        ledger.postBillsTo(uri, archive.bearer("ledger"));
    }

    /** Three companies in Codex; Ledger posts their bills back, so a run really archives them. */
    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        codex = new FakeCodexServer(3);
        ledger = new FakeLedgerServer();
        archive = TestArchive.wire(routing, WebUiBrowserIT.class, codex.uri(), ledger.uri(), Duration.ofSeconds(2), 2,
                new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50)));
    }

    @BeforeAll
    static void browser() throws IOException {
        downloads = Files.createDirectories(TARGET.resolve("webui-downloads"));
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        driver = Chromium.start(Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
    }

    @AfterAll
    static void close() throws Exception {
        Closer.all(driver == null ? null : driver::quit, archive, ledger, codex);
    }

    @Test
    void aBillingUser_findsABill_readsIt_downloadsItsCsv_andAnAdminRetriesAJob() throws Exception {
        // A monthly run where Ledger fails for the second company: archived bills for C01 and C03, a partial job.
        ledger.fault("C02", FakeLedgerServer.Fault.SERVER_ERROR);
        String jobId = JSON.readTree(post("/api/snapshots/bulk/create", archive.userBearer("admin"),
                "{\"year\":2025,\"month\":9}")).get("job_id").asText();
        awaitJobFinished(jobId);
        String acme = TestArchive.fixture("ledger-snapshot-620547-202510.json");
        post("/api/snapshot", archive.bearer("ledger"), acme);
        for (int i = 0; i < 26; i++) {
            post("/api/snapshot", archive.bearer("ledger"), bill("183729", "Globex <b>Inc</b>", YearMonth.of(2023, 1).plusMonths(i)));
        }

        driver.get(uri.resolve("/archive/").toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        // No proxy in front: the service answers 401, so the page opens its token box and says why.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not signed in"));
        Chromium.accessible(driver, "signed out");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("token")))
                .sendKeys(archive.userBearer("admin").substring("Bearer ".length()));
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("stat-snapshots"), "29"));
        // Acme, Globex, and the run's C01 and C03.
        assertEquals("4", text("stat-companies"));
        wait.until(ExpectedConditions.textToBe(By.id("stat-scheduler"), "Enabled"));
        wait.until(d -> d.findElements(By.cssSelector("#latest-table tbody tr")).size() == 5);
        assertTrue(text("stat-next-run").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*"), text("stat-next-run"));

        // All 29 bills: two pages of 25.
        driver.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 1–25 of 29"));
        // Markup in the data is shown as text, never parsed.
        assertTrue(text("results-table").contains("Globex <b>Inc</b>"));
        assertTrue(driver.findElements(By.cssSelector("#results-table b, #latest-table b")).isEmpty());
        Chromium.accessible(driver, "home with results");
        Chromium.screenshot(driver, "webui-home-1280");
        driver.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 26–29 of 29"));
        assertEquals(4, driver.findElements(By.cssSelector("#results-table tbody tr")).size());
        assertTrue(driver.findElement(By.id("next-page")).getAttribute("disabled") != null);

        // Company and amount filters.
        driver.findElement(By.id("f-company")).sendKeys("acme");
        driver.findElement(By.id("f-min")).sendKeys("1000");
        driver.findElement(By.id("f-from-period")).sendKeys("2025-01");
        driver.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 1–1 of 1"));
        WebElement row = driver.findElement(By.cssSelector("#results-table tbody tr"));
        assertTrue(row.getText().contains("Acme Corp"), row.getText());
        assertTrue(row.getText().contains("$1,875.00"), row.getText());

        // View: header, totals, line items, raw JSON, and the bill's place in the transparency log.
        Wiring.auditTrail(archive.database, Clock.systemUTC()).sealPending();
        new CutCheckpointService(archive.database.logTree(), "archive.test/log", TestLogKey.SIGNER, Duration.ZERO,
                List.of(), Clock.systemUTC()).cut().orElseThrow();
        row.findElement(By.linkText("View")).click();
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Acme Corp – 2025-10"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("snapshot-totals"), "$1,875.00"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-status"),
                "of the signed checkpoint of 29 bills"));
        String header = text("snapshot-header");
        assertTrue(header.contains("620547-202510") && header.contains("MSP Gold") && header.contains("2025-11-30"), header);
        // Who sent it (Ledger's service token), beside who the bill says created it (the fixture's alice).
        assertEquals("service:ledger", definition("snapshot-header", "Submitted by"));
        assertEquals("alice@example.com", definition("snapshot-header", "Archived by"));
        String totals = text("snapshot-totals");
        assertTrue(totals.contains("$1,200.00") && totals.contains("$300.00") && totals.contains("$75.00"), totals);
        JsonNode fixture = JSON.readTree(acme);
        assertEquals(fixture.get("line_items").size(), driver.findElements(By.cssSelector("#line-items tbody tr")).size());
        String firstItem = driver.findElement(By.cssSelector("#line-items tbody tr")).getText();
        assertTrue(firstItem.contains("User: User 0 (Paid)") && firstItem.contains("$100.00"), firstItem);
        assertTrue(!driver.findElement(By.id("raw-json")).isDisplayed(), "raw JSON starts collapsed");
        driver.findElement(By.cssSelector("#raw summary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("raw-json")));
        assertTrue(text("raw-json").contains("\"invoice_number\":\"620547-202510\""));
        Chromium.accessible(driver, "bill");
        Chromium.screenshot(driver, "webui-snapshot-1280");

        // Download CSV: the stored CSV, byte for byte, under the name the service gives it.
        driver.findElement(By.id("csv-link")).click();
        Path csv = downloads.resolve("Acme_Corp_2025-10.csv");
        new WebDriverWait(driver, WAIT).until(d -> Files.exists(csv) && !Files.exists(Path.of(csv + ".crdownload")));
        assertEquals(fixture.get("invoice_csv").asText(), Files.readString(csv, StandardCharsets.UTF_8));

        // Narrow screen: nothing wider than the viewport, not even inside a table; rows become labelled cards.
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> fitsViewport());
        assertTrue(noSidewaysScroll(), () -> "the bill fits 390 px; too wide: " + Chromium.tooWide(driver));
        Object cardLabel = ((JavascriptExecutor) driver).executeScript("return getComputedStyle("
                + "document.querySelector('#line-items tbody td.num:last-child'), '::before').content;");
        assertEquals("\"Amount\"", cardLabel, "each value in a card is labelled with its column");
        Chromium.accessible(driver, "bill, narrow");
        Chromium.screenshot(driver, "webui-snapshot-390");
        driver.findElement(By.id("back-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        assertTrue(fitsViewport() && noSidewaysScroll(), () -> "the home view fits 390 px; too wide: " + Chromium.tooWide(driver));
        Chromium.accessible(driver, "home, narrow");
        Chromium.screenshot(driver, "webui-home-390");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        // Jobs: the partial run, each company's outcome, and the admin's retry (Ledger is well again by then).
        clickOutcomes(jobId);
        wait.until(ExpectedConditions.textToBe(By.id("job-detail-h"),
                "Job bulk 2025-09: partial (2 succeeded, 1 failed)"));
        List<WebElement> companies = driver.findElements(By.cssSelector("#job-companies tbody tr"));
        assertEquals(3, companies.size());
        String failed = companies.stream().map(WebElement::getText).filter(t -> t.contains("C02")).findFirst().orElseThrow();
        assertTrue(failed.contains("Company 02") && failed.contains("Failed") && failed.contains("500"), failed);
        assertTrue(companies.stream().filter(r -> r.getText().contains("Succeeded")).count() == 2);
        WebElement retry = wait.until(ExpectedConditions.elementToBeClickable(By.id("retry-button")));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('job-detail').scrollIntoView()");
        Chromium.accessible(driver, "job outcomes");
        Chromium.screenshot(driver, "webui-jobs-1280");
        ledger.clearFaults();
        retry.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Retry started as job"));
        String retryId = text("status").replaceAll(".*job ([0-9a-f-]+)\\..*", "$1");
        awaitJobFinished(retryId);
        driver.findElement(By.id("token-form")).submit(); // reloads overview and jobs
        clickOutcomes(retryId);
        wait.until(ExpectedConditions.textToBe(By.id("job-detail-h"), "Job retry 2025-09: completed (1 succeeded, 0 failed)"));
        assertTrue(!driver.findElement(By.id("retry-button")).isDisplayed(), "nothing left to retry");
    }

    @Test
    void aBillingUser_seesNoRetryButton() throws Exception {
        String jobId = JSON.readTree(post("/api/snapshots/bulk/create", archive.userBearer("admin"),
                "{\"year\":2024,\"month\":1}")).get("job_id").asText();
        awaitJobFinished(jobId);
        Chromium.enterToken(driver, uri.resolve("/"), archive.userBearer("billing"));
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.textToBe(By.id("stat-scheduler"), "Visible to admins"));
        clickOutcomes(jobId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-detail-h"), "Job bulk 2024-01"));
        assertTrue(!driver.findElement(By.id("retry-button")).isDisplayed());
    }

    @Test
    void aKeyboardUser_searchesOpensABillAndComesBack_withoutAMouse() throws Exception {
        post("/api/snapshot", archive.bearer("ledger"), bill("555001", "Initech", YearMonth.of(2025, 3)));
        signIn("billing");
        WebElement company = driver.findElement(By.id("f-company"));
        company.clear();
        company.sendKeys("initech", Keys.ENTER); // Enter in any field submits the search
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 1–1 of 1"));
        // Tab from the search button's neighbourhood reaches the result's "View" link; Enter opens the bill.
        WebElement view = driver.findElement(By.cssSelector("#results-table a[aria-label='View 555001-202503']"));
        Chromium.tabUntil(driver, view, 40);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Initech – 2025-03"));
        assertEquals("snapshot-h", driver.switchTo().activeElement().getAttribute("id"), "focus moves to the bill's heading");
        // The raw JSON opens from the keyboard, and "Back" returns focus to the results.
        Chromium.tabUntil(driver, driver.findElement(By.cssSelector("#raw summary")), 60);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("raw-json")));
        driver.findElement(By.id("back-link")).sendKeys(Keys.ENTER);
        wait.until(d -> "results-h".equals(d.switchTo().activeElement().getAttribute("id")));
    }

    @Test
    void behindTheNexusProxy_thePageNeedsNoToken() throws Exception {
        post("/api/snapshot", archive.bearer("ledger"), bill("555002", "Umbrella", YearMonth.of(2025, 4)));
        try (FakeNexusProxy nexus = new FakeNexusProxy(uri, archive.userBearer("billing"))) {
            Chromium.openFresh(driver, nexus.uri().resolve("/archive/"));
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> !text("stat-snapshots").equals("–"));
            assertTrue(!driver.findElement(By.id("token-box")).isDisplayed(), "no token box when the proxy signs requests");
            driver.findElement(By.id("f-company")).sendKeys("umbrella", Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 1–1 of 1"));
            // The CSV link is a plain link here: the browser fetches it through the proxy, which adds the token.
            driver.findElement(By.cssSelector("#results-table a[aria-label='Download CSV of 555002-202504']")).click();
            Path csv = downloads.resolve("Umbrella_2025-04.csv");
            wait.until(d -> Files.exists(csv) && !Files.exists(Path.of(csv + ".crdownload")));
            assertEquals(JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json")).get("invoice_csv").asText(),
                    Files.readString(csv, StandardCharsets.UTF_8));
            Chromium.accessible(driver, "behind the proxy");
        }
    }

    /** A fresh tab session signed in as the given role through the dev token box. */
    private void signIn(String role) {
        Chromium.enterToken(driver, uri.resolve("/"), archive.userBearer(role));
        new WebDriverWait(driver, WAIT).until(d -> !text("stat-snapshots").equals("–"));
    }

    private String bill(String account, String name, YearMonth period) throws IOException {
        ObjectNode bill = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        bill.put("company_account_number", account).put("company_name", name)
                .put("billing_year", period.getYear()).put("billing_month", period.getMonthValue())
                .put("invoice_number", account + "-" + String.format("%04d%02d", period.getYear(), period.getMonthValue()))
                .put("invoice_date", period.atEndOfMonth().toString())
                .put("due_date", period.atEndOfMonth().plusDays(30).toString());
        ((ObjectNode) bill.get("billing_data_json").get("client")).put("account_number", account).put("name", name);
        return JSON.writeValueAsString(bill);
    }

    private String post(String path, String bearer, String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri.resolve(path))
                    .header("Content-Type", "application/json").header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(res.statusCode() == 201 || res.statusCode() == 202, path + ": " + res.statusCode() + " " + res.body());
            return res.body();
        }
    }

    private void awaitJobFinished(String jobId) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri.resolve("/api/scheduler/jobs/" + jobId))
                        .header("Authorization", archive.userBearer("admin")).build(), HttpResponse.BodyHandlers.ofString());
                if (!JSON.readTree(res.body()).get("status").asText().equals("running")) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    /** Clicks a job's "Outcomes" button, again if the jobs table was redrawn under the click. */
    private static void clickOutcomes(String jobId) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#jobs-table tr[data-job='" + jobId + "'] button")).click();
            return true;
        });
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The text of the {@code dd} that follows the {@code dt} labelled {@code label} in the list {@code id}. */
    private static String definition(String id, String label) {
        Object text = ((JavascriptExecutor) driver).executeScript(
                "const dt = [...document.getElementById(arguments[0]).querySelectorAll('dt')]"
                        + ".find((d) => d.textContent === arguments[1]);"
                        + "return dt ? dt.nextElementSibling.textContent : null;", id, label);
        return (String) text;
    }

    private static boolean fitsViewport() {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    /** No table or other scroll box needs sideways scrolling. */
    private static boolean noSidewaysScroll() {
        Object none = ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll('.scroll'))"
                + ".filter(e => e.offsetParent !== null).every(e => e.scrollWidth <= e.clientWidth);");
        return Boolean.TRUE.equals(none);
    }
}
