package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The insight views of the page in a real Chromium against the real service over embedded PostgreSQL: a company's
 * page with its bills and its stacked monthly chart, the overview's chart of what was billed per month, a bill
 * compared with the month before, and the printed bill (Chromium's own print to PDF). Each at 1280 and 390 px,
 * by keyboard, and clean under axe-core; screenshots go to {@code target/screenshots/insight-*.png}. Every
 * expectation is worked out by hand from the bills each test posts (users $100, assets $15, hours $100 each).
 */
@ServerTest
class InsightBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestArchive archive;
    private static WebDriver driver;

    private final URI uri;

    InsightBrowserIT(URI uri) {
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        archive = TestArchive.wire(routing, InsightBrowserIT.class);
    }

    @BeforeAll
    static void browser() throws IOException {
        driver = Chromium.start();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void aCompany_fromASearchByAccount_showsItsBillsNewestFirst_andAStackedChartWhoseBarsOpenTheBills() throws Exception {
        // 2024-03: 12 users, 20 assets, $75 backup, 3 hours = 1200 + 300 + 75 + 300 = $1,875.00.
        post(bill("700100", "Initrode", YearMonth.of(2024, 3), users(12), 20, "75.00", 3));
        // 2024-04: 10 users, 20 assets, no backup, 1 hour = 1000 + 300 + 0 + 100 = $1,400.00.
        post(bill("700100", "Initrode", YearMonth.of(2024, 4), users(10), 20, "0.00", 1));
        // 2025-02 (after a gap): 15 users, 10 assets, $120 backup, no hours = 1500 + 150 + 120 = $1,770.00.
        post(bill("700100", "Initrode", YearMonth.of(2025, 2), users(15), 10, "120.00", 0));
        post(bill("700101", "Someone Else", YearMonth.of(2025, 2), users(1), 0, "0.00", 0));
        signIn();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);

        // Search by account, then by keyboard to the company's page.
        driver.findElement(By.id("f-account")).sendKeys("700100", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("results-h"), "Results 1–3 of 3"));
        WebElement toCompany = driver.findElement(By.cssSelector("#results-company a"));
        assertEquals("Company page of account 700100", toCompany.getText());
        Chromium.tabUntil(driver, toCompany, 20);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("company-h"), "Initrode – account 700100"));
        // Once the page has its chart, the keyboard is at its heading.
        wait.until(d -> "company-h".equals(d.switchTo().activeElement().getAttribute("id")));
        assertEquals("3 bills archived, 2024-03 to 2025-02.", text("company-summary"));
        List<String> bills = driver.findElements(By.cssSelector("#company-bills tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("700100-202502", "700100-202404", "700100-202403"), bills);

        // The chart: the 24 periods 2023-03..2025-02, three of them billed, each a link named by period, total and bill.
        wait.until(d -> d.findElements(By.cssSelector("#company-chart a")).size() == 3);
        List<String> bars = driver.findElements(By.cssSelector("#company-chart a")).stream()
                .map(a -> a.getAttribute("aria-label")).toList();
        assertEquals(List.of("2024-03: $1,875.00, bill 700100-202403", "2024-04: $1,400.00, bill 700100-202404",
                "2025-02: $1,770.00, bill 700100-202502"), bars);
        // Stacked by category: four parts in 2024-03, three in 2024-04 (no backup) and 2025-02 (no hours).
        assertEquals(List.of(4, 3, 3), driver.findElements(By.cssSelector("#company-chart a")).stream()
                .map(a -> a.findElements(By.tagName("rect")).size()).toList());
        // The axis runs to the next round amount above the tallest bar ($1,875 -> $2,000), in quarters; the
        // newest period is always labelled (older ones as the width allows).
        List<String> axis = driver.findElements(By.cssSelector("#company-chart > text")).stream()
                .map(WebElement::getText).toList();
        assertTrue(axis.containsAll(List.of("$0", "$500", "$1K", "$1.5K", "$2K", "2025-02")), axis.toString());
        // Its table: only the billed periods, newest first, each category.
        driver.findElement(By.cssSelector("#company-view .chart-table summary")).click();
        List<String> rows = driver.findElements(By.cssSelector("#company-chart-table tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).startsWith("2025-02") && rows.get(0).contains("$1,500.00") && rows.get(0).contains("$150.00")
                && rows.get(0).contains("$120.00") && rows.get(0).contains("$1,770.00"), rows.get(0));
        Chromium.accessible(driver, "company page");
        Chromium.screenshot(driver, "insight-company-1280");

        // Narrow: everything fits, the chart is drawn again at the narrow width.
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> Chromium.fitsViewport(d) && drawnAtItsWidth("company-chart"));
        assertTrue(Chromium.fitsViewport(driver), () -> "the company page fits 390 px; too wide: " + Chromium.tooWide(driver));
        assertEquals(3, driver.findElements(By.cssSelector("#company-chart a")).size());
        Chromium.accessible(driver, "company page, narrow");
        Chromium.screenshot(driver, "insight-company-390");
        driver.manage().window().setSize(new Dimension(1280, 1000));
        wait.until(d -> drawnAtItsWidth("company-chart"));

        // A bar is a link: Tab to April 2024's and Enter opens that bill.
        WebElement april = driver.findElement(By.cssSelector("#company-chart a[aria-label^='2024-04']"));
        driver.findElement(By.id("company-h")).click();
        Chromium.tabUntil(driver, april, 10);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Initrode – 2024-04"));
        // And from the bill back to its company.
        WebElement company = driver.findElement(By.id("company-link"));
        wait.until(ExpectedConditions.visibilityOf(company));
        company.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("company-h"), "Initrode – account 700100"));
    }

    @Test
    void theOverview_chartsTheTotalAndTheCompaniesBilledPerPeriod_behindTheProxy() throws Exception {
        // 2019-05: two companies, $1,875.00 + $100.00 = $1,975.00; 2019-07: one company, $1,400.00.
        post(bill("710001", "Vandelay", YearMonth.of(2019, 5), users(12), 20, "75.00", 3));
        post(bill("710002", "Kramerica", YearMonth.of(2019, 5), users(1), 0, "0.00", 0));
        post(bill("710001", "Vandelay", YearMonth.of(2019, 7), users(10), 20, "0.00", 1));
        try (FakeNexusProxy nexus = new FakeNexusProxy(uri, archive.userBearer("billing"))) {
            Chromium.openFresh(driver, nexus.uri().resolve("/archive/"));
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.until(d -> !text("stat-snapshots").equals("–"));
            WebElement to = driver.findElement(By.id("trend-to"));

            // A period the form cannot take is named, and nothing is asked of the service.
            to.clear();
            to.sendKeys("2019-13", Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trend-error")));
            assertTrue(text("trend-error").startsWith("Last 24 periods up to: enter a period as YYYY-MM"), text("trend-error"));
            assertEquals("true", to.getAttribute("aria-invalid"));

            to.clear();
            to.sendKeys("2019-12", Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.id("trend-h"), "Billed per month, 2018-01 to 2019-12"));
            assertFalse(driver.findElement(By.id("trend-error")).isDisplayed());
            assertEquals("false", to.getAttribute("aria-invalid"));
            // One bar per billed period in each chart; the rest of the 24 periods are empty.
            assertEquals(2, driver.findElements(By.cssSelector("#trend-total-chart rect")).size());
            assertEquals(2, driver.findElements(By.cssSelector("#trend-companies-chart rect")).size());
            List<String> totalAxis = texts("#trend-total-chart > text");
            assertTrue(totalAxis.containsAll(List.of("$0", "$1K", "$2K", "2019-12")), totalAxis.toString());
            // Two companies at most: the count axis runs 0..4 in whole steps.
            List<String> countAxis = texts("#trend-companies-chart > text");
            assertTrue(countAxis.containsAll(List.of("0", "1", "2", "3", "4")) && !countAxis.contains("0.5"), countAxis.toString());
            // The table beside them: all 24 periods, newest first.
            driver.findElement(By.cssSelector("#trend .chart-table summary")).click();
            List<String> rows = texts("#trend-table tbody tr");
            assertEquals(24, rows.size());
            assertEquals("2019-12", rows.get(0).split("\\s")[0]);
            assertEquals(List.of("2019-07", "$1,400.00", "1", "1"), List.of(rows.get(5).split("\\s+")));
            assertEquals(List.of("2019-05", "$1,975.00", "2", "2"), List.of(rows.get(7).split("\\s+")));
            assertEquals(List.of("2019-06", "$0.00", "0", "0"), List.of(rows.get(6).split("\\s+")));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('trend').scrollIntoView()");
            Chromium.accessible(driver, "overview chart");
            Chromium.screenshot(driver, "insight-overview-1280");

            driver.manage().window().setSize(new Dimension(390, 844));
            wait.until(d -> Chromium.fitsViewport(d));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('trend').scrollIntoView()");
            Chromium.accessible(driver, "overview chart, narrow");
            Chromium.screenshot(driver, "insight-overview-390");
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void aBill_comparedWithThePreviousMonth_saysWhatChanged_biggestEffectFirst() throws Exception {
        // May: User 0..11, 20 assets, $75 backup, 3 hours: $1,875.00.
        post(bill("720001", "Globex", YearMonth.of(2025, 5), users(12), 20, "75.00", 3));
        // June: User 11 left, User 12..14 came (14 users), backup $120: 1400 + 300 + 120 + 300 = $2,120.00.
        List<String> june = new ArrayList<>(users(11));
        june.addAll(List.of("User 12", "User 13", "User 14"));
        post(bill("720001", "Globex", YearMonth.of(2025, 6), june, 20, "120.00", 3));
        signIn();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.get(uri.resolve("/#/snapshot/720001-202506").toString());
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Globex – 2025-06"));

        WebElement compare = driver.findElement(By.id("compare-button"));
        Chromium.tabUntil(driver, compare, 10);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("compare-h"), "Compared with 2025-05 (bill 720001-202505)"));
        assertEquals("compare-h", driver.switchTo().activeElement().getAttribute("id"));
        assertEquals("Total $1,875.00 → $2,120.00 (+$245.00); Users 12 → 14.", text("compare-summary"));
        // +300.00, -100.00, +45.00: the biggest effect on the total first.
        assertEquals(List.of("+3 users: User 12, User 13, User 14 (+$300.00)", "−1 user: User 11 (−$100.00)",
                "Backup Services: $75.00 → $120.00 (rate $75.00 → $120.00)"), texts("#compare-changes li"));
        List<String> totals = texts("#compare-totals tbody tr");
        assertEquals("Total $1,875.00 $2,120.00 +$245.00", totals.get(0));
        assertEquals("Users $1,200.00 $1,400.00 +$200.00", totals.get(1));
        assertEquals("Tickets $300.00 $300.00 ±$0.00", totals.get(4));
        Chromium.accessible(driver, "comparison");
        Chromium.screenshot(driver, "insight-compare-1280");
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> Chromium.fitsViewport(d));
        assertTrue(Chromium.fitsViewport(driver), () -> "the comparison fits 390 px; too wide: " + Chromium.tooWide(driver));
        Chromium.accessible(driver, "comparison, narrow");
        Chromium.screenshot(driver, "insight-compare-390");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        // The first bill of a company has nothing before it, and says so.
        driver.get(uri.resolve("/#/snapshot/720001-202505").toString());
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Globex – 2025-05"));
        driver.findElement(By.id("compare-button")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("compare-summary"),
                "There is no earlier bill of this company to compare with."));
        assertTrue(driver.findElements(By.cssSelector("#compare-changes li")).isEmpty());
        Chromium.accessible(driver, "nothing to compare");
    }

    @Test
    void aComparisonOfManyChanges_namesTenUsers_andKeepsTheSmallestChangesBehindADisclosure() throws Exception {
        // May: 30 users at $100. June: the same 30 at $110 (+$10 each) and User 30..41 at $110 (+$1,320.00).
        post(bill("720002", "Hooli", YearMonth.of(2025, 5), users(30), "100.00", 0, "0.00", 0));
        post(bill("720002", "Hooli", YearMonth.of(2025, 6), users(42), "110.00", 0, "0.00", 0));
        signIn();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.get(uri.resolve("/#/snapshot/720002-202506").toString());
        wait.until(ExpectedConditions.textToBe(By.id("snapshot-h"), "Hooli – 2025-06"));
        driver.findElement(By.id("compare-button")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("compare-h"), "Compared with 2025-05 (bill 720002-202505)"));
        // 3000.00 -> 4620.00: +1,620.00 = 12 x 110 + 30 x 10.
        assertEquals("Total $3,000.00 → $4,620.00 (+$1,620.00); Users 30 → 42.", text("compare-summary"));
        List<String> shown = texts("#compare-changes > li:not(.more)");
        assertEquals(20, shown.size());
        assertEquals("+12 users: User 30, User 31, User 32, User 33, User 34, User 35, User 36, User 37, User 38,"
                + " User 39 and 2 more (+$1,320.00)", shown.get(0));
        // Equal effects keep the service's order (line type, then item name): User 0, User 1, User 10, ...
        assertEquals("User 0: $100.00 → $110.00 (rate $100.00 → $110.00)", shown.get(1));
        assertEquals("User 1: $100.00 → $110.00 (rate $100.00 → $110.00)", shown.get(2));
        assertEquals("User 10: $100.00 → $110.00 (rate $100.00 → $110.00)", shown.get(3));
        WebElement more = driver.findElement(By.cssSelector("#compare-changes li.more summary"));
        assertEquals("11 smaller changes", more.getText());
        Chromium.tabUntil(driver, more, 40);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#compare-changes li.more li")).stream().allMatch(WebElement::isDisplayed));
        assertEquals(11, driver.findElements(By.cssSelector("#compare-changes li.more li")).size());
        Chromium.accessible(driver, "a long comparison");
    }

    @Test
    void aPrintedBill_isTheInvoiceAlone_withItsNumberPartiesLinesAndTotal() throws Exception {
        post(bill("730001", "Acme Print", YearMonth.of(2025, 8), users(12), 20, "75.00", 3));
        signIn();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.get(uri.resolve("/#/snapshot/730001-202508").toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("snapshot-totals"), "$1,875.00"));
        wait.until(d -> d.findElements(By.cssSelector("#line-items tbody tr")).size() == 34);
        for (int width : new int[] {1280, 390}) {
            driver.manage().window().setSize(new Dimension(width, 1000));
            byte[] pdf = Base64.getDecoder().decode(((PrintsPage) driver).print(new PrintOptions()).getContent());
            Path file = Files.createDirectories(Chromium.SCREENSHOTS).resolve("insight-print-" + width + ".pdf");
            Files.write(file, pdf);
            String text;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setSortByPosition(true); // top to bottom on each page, as a person reads it
                text = stripper.getText(document);
            }
            // The invoice: its number, who it bills, the line items and the totals.
            assertTrue(text.contains("730001-202508"), text);
            assertTrue(text.contains("Bill to Acme Print, account 730001"), text);
            assertTrue(text.contains("User: User 11 (Paid)") && text.contains("Billable Hours (3.00 hrs)"), text);
            assertTrue(text.contains("Total amount") && text.contains("$1,875.00"), text);
            // In an invoice's order: header and parties, then the lines, then the totals.
            assertTrue(text.indexOf("Bill to") < text.indexOf("User: User 0 (Paid)")
                    && text.indexOf("Billable Hours (3.00 hrs)") < text.indexOf("Total amount"), text);
            // None of the page around it: no navigation, buttons, search, raw JSON or the archive's own record.
            for (String chrome : List.of("Download CSV", "Compare with previous month", "Back to search", "Search bills",
                    "Developer token", "Raw JSON", "Content SHA-256", "Skip to content")) {
                assertFalse(text.contains(chrome), () -> chrome + " is on the printed bill:\n" + text);
            }
        }
        driver.manage().window().setSize(new Dimension(1280, 1000));
        // What the printed page looks like, as a screenshot of the print media.
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            Chromium.screenshot(driver, "insight-print-1280");
            Chromium.accessible(driver, "print view");
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        Chromium.accessible(driver, "bill with its print and compare buttons");
    }

    /** A fresh tab session signed in as a billing user through the dev token box. */
    private void signIn() {
        Chromium.enterToken(driver, uri.resolve("/"), archive.userBearer("billing"));
        new WebDriverWait(driver, WAIT).until(d -> !text("stat-snapshots").equals("–"));
    }

    private static List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> "User " + i).toList();
    }

    /**
     * A bill of the fixture's shape: one $100 line per user, {@code assets} $15 workstations, a backup line of
     * {@code backup} (none when zero) and {@code hours} billable hours at $100; its totals are the sums by kind.
     */
    private static String bill(String account, String name, YearMonth period, List<String> users, int assets,
                               String backup, int hours) throws IOException {
        return bill(account, name, period, users, "100.00", assets, backup, hours);
    }

    /** As above, with each user at {@code userRate}. */
    private static String bill(String account, String name, YearMonth period, List<String> users, String userRate,
                               int assets, String backup, int hours) throws IOException {
        ObjectNode bill = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        String invoice = account + "-" + String.format("%04d%02d", period.getYear(), period.getMonthValue());
        ArrayNode lines = JSON.createArrayNode();
        users.forEach(u -> line(lines, "user", u, "User: " + u + " (Paid)", 1, userRate));
        IntStream.range(0, assets).forEach(i -> line(lines, "asset", String.format("WS-%03d", i),
                String.format("Asset: WS-%03d (Workstation)", i), 1, "15.00"));
        BigDecimal backupCharge = new BigDecimal(backup);
        if (backupCharge.signum() != 0) {
            line(lines, "backup", "Backup Services", "Backup charges", 1, backup);
        }
        if (hours > 0) {
            line(lines, "ticket", "Billable Hours", "Billable Hours (" + hours + ".00 hrs)", hours, "100.00");
        }
        BigDecimal userCharges = new BigDecimal(userRate).multiply(BigDecimal.valueOf(users.size()));
        BigDecimal assetCharges = BigDecimal.valueOf(15L * assets).setScale(2);
        BigDecimal ticketCharges = BigDecimal.valueOf(100L * hours).setScale(2);
        bill.put("company_account_number", account).put("company_name", name)
                .put("billing_year", period.getYear()).put("billing_month", period.getMonthValue())
                .put("invoice_number", invoice)
                .put("invoice_date", period.atEndOfMonth().toString())
                .put("due_date", period.atEndOfMonth().plusDays(30).toString())
                .put("total_amount", userCharges.add(assetCharges).add(backupCharge).add(ticketCharges))
                .put("total_user_charges", userCharges).put("total_asset_charges", assetCharges)
                .put("total_backup_charges", backupCharge).put("total_ticket_charges", ticketCharges)
                .put("total_line_item_charges", BigDecimal.ZERO.setScale(2))
                .put("user_count", users.size()).put("asset_count", assets).put("billable_hours", hours);
        bill.set("line_items", lines);
        ((ObjectNode) bill.get("billing_data_json").get("client")).put("account_number", account).put("name", name);
        return JSON.writeValueAsString(bill);
    }

    private static void line(ArrayNode lines, String type, String item, String description, int quantity, String rate) {
        BigDecimal amount = new BigDecimal(rate).multiply(BigDecimal.valueOf(quantity));
        lines.addObject().put("line_type", type).put("item_name", item).put("description", description)
                .put("quantity", quantity).put("rate", new BigDecimal(rate)).put("amount", amount);
    }

    private void post(String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri.resolve("/api/snapshot"))
                    .header("Content-Type", "application/json").header("Authorization", archive.bearer("ledger"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, res.statusCode(), res.body());
        }
    }

    /** The chart was drawn (again) for the width its box has now: a resize redraws it. */
    private static boolean drawnAtItsWidth(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("const s = document.getElementById(arguments[0]);"
                + "return s.viewBox.baseVal.width === Math.max(240, Math.round(s.getBoundingClientRect().width));", id));
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
