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
                text = new PDFTextStripper().getText(document);
            }
            // The invoice: its number, who it bills, the line items and the totals.
            assertTrue(text.contains("730001-202508"), text);
            assertTrue(text.contains("Bill to Acme Print, account 730001"), text);
            assertTrue(text.contains("User: User 11 (Paid)") && text.contains("Billable Hours (3.00 hrs)"), text);
            assertTrue(text.contains("Total amount") && text.contains("$1,875.00"), text);
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
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        Chromium.accessible(driver, "bill with its print and compare buttons");
    }

    /** A fresh tab session signed in as a billing user through the dev token box. */
    private void signIn() {
        driver.get(uri.resolve("/").toString());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("token")))
                .sendKeys(archive.userBearer("billing").substring("Bearer ".length()));
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(d -> !text("stat-snapshots").equals("–"));
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
        ObjectNode bill = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        String invoice = account + "-" + String.format("%04d%02d", period.getYear(), period.getMonthValue());
        ArrayNode lines = JSON.createArrayNode();
        users.forEach(u -> line(lines, "user", u, "User: " + u + " (Paid)", 1, "100.00"));
        IntStream.range(0, assets).forEach(i -> line(lines, "asset", String.format("WS-%03d", i),
                String.format("Asset: WS-%03d (Workstation)", i), 1, "15.00"));
        BigDecimal backupCharge = new BigDecimal(backup);
        if (backupCharge.signum() != 0) {
            line(lines, "backup", "Backup Services", "Backup charges", 1, backup);
        }
        if (hours > 0) {
            line(lines, "ticket", "Billable Hours", "Billable Hours (" + hours + ".00 hrs)", hours, "100.00");
        }
        BigDecimal userCharges = BigDecimal.valueOf(100L * users.size()).setScale(2);
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

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
