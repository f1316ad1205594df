package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.domain.Snapshot;
import java.io.StringReader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Search, company history and export over a known set of snapshots in the in-memory store. */
class SnapshotListsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "Bearer " + TestTokens.user("billing");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(SnapshotListsTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        // 30 bills: accounts A0..A2, months 1..10 of 2025, archived one day apart in that order.
        int n = 0;
        for (int month = 1; month <= 10; month++) {
            for (int a = 0; a < 3; a++) {
                Snapshot bill = BillBuilder.sample("A" + a, 2025, month)
                        .withCompanyName(a == 1 ? "=HYPERLINK(\"x\")" : "Acme " + a).build();
                store.save(bill, ReceivedBody.of("{}"), T0.plusSeconds(86_400L * n++), null);
            }
        }
        ArchiveHttp.routing(routing, TestApis.over(store, TestApis.verifier()));
    }

    @Test
    void search_filtersAndCountsNewestFirst() throws Exception {
        JsonNode body = get("/api/snapshots/search?account_number=A0&from_period=2025-03&to_period=2025-05");
        assertEquals(3, body.get("total").asInt());
        assertEquals("eq", body.get("total_relation").asText(), "a total below the bound is exact");
        List<String> invoices = new ArrayList<>();
        body.get("results").forEach(r -> invoices.add(r.get("invoice_number").asText()));
        assertEquals(List.of("A0-202505", "A0-202504", "A0-202503"), invoices);
        JsonNode hit = body.get("results").get(0);
        for (String field : List.of("id", "company_account_number", "company_name", "invoice_number", "billing_year",
                "billing_month", "invoice_date", "archived_at", "total_amount", "user_count", "asset_count")) {
            assertTrue(hit.has(field), field);
        }
        assertEquals(10, get("/api/snapshots/search?company=acme%202").get("total").asInt());
        assertEquals(30, get("/api/snapshots/search?min_total=400&max_total=400.00").get("total").asInt());
        assertEquals(0, get("/api/snapshots/search?max_total=399.99").get("total").asInt());
        assertEquals(3, get("/api/snapshots/search?year=2025&month=7").get("total").asInt());
        assertEquals(3, get("/api/snapshots/search?from_date=2025-01-02&to_date=2025-01-04").get("total").asInt());
    }

    @Test
    void totals_countEveryBill_andEachCompanyOnce() throws Exception {
        JsonNode body = get("/api/snapshots/totals");
        assertEquals(30, body.get("snapshots").asInt());
        assertEquals(3, body.get("companies").asInt());
        try (Http1ClientResponse res = client.get("/api/snapshots/totals").request()) {
            assertEquals(401, res.status().code(), "the totals need a token like every other list");
        }
    }

    @Test
    void search_cursorPaging_visitsEveryRowOnce() throws Exception {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/snapshots/search?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("results").forEach(r -> assertTrue(seen.add(r.get("invoice_number").asText())));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(30, seen.size());
    }

    @Test
    void search_limitAboveTheMaximum_isLowered_andEmptyValuesAreIgnored() throws Exception {
        JsonNode body = get("/api/snapshots/search?limit=5000&year=&company=");
        assertEquals(1000, body.get("limit").asInt());
        assertEquals(30, body.get("results").size());
        assertTrue(body.get("next_cursor").isNull());
    }

    @Test
    void search_malformedParameters_are400NamingEachOne() throws Exception {
        try (Http1ClientResponse res = request("/api/snapshots/search?year=20x5&month=13&from_date=2025-02-30"
                + "&min_total=1.005&limit=0&cursor=nonsense&account_number=" + URLEncoder.encode("a b", StandardCharsets.UTF_8)
                + "&from_period=2025-1").request()) {
            assertEquals(400, res.status().code());
            Set<String> fields = new HashSet<>();
            JSON.readTree(res.as(String.class)).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(Set.of("year", "month", "from_date", "min_total", "limit", "cursor", "account_number",
                    "from_period"), fields);
        }
    }

    @Test
    void companyHistory_isNewestPeriodFirst_withPaging() throws Exception {
        JsonNode body = get("/api/snapshots/company/A2?limit=4&offset=2");
        assertEquals("A2", body.get("company_account_number").asText());
        assertEquals("Acme 2", body.get("company_name").asText());
        assertEquals(10, body.get("total_snapshots").asInt());
        List<Integer> months = new ArrayList<>();
        body.get("snapshots").forEach(s -> months.add(s.get("billing_month").asInt()));
        assertEquals(List.of(8, 7, 6, 5), months);
        for (String field : List.of("id", "invoice_number", "billing_year", "billing_month", "invoice_date",
                "archived_at", "total_amount", "billing_plan", "contract_term")) {
            assertTrue(body.get("snapshots").get(0).has(field), field);
        }
        JsonNode unknown = get("/api/snapshots/company/NOBODY");
        assertEquals(0, unknown.get("total_snapshots").asInt());
        assertTrue(unknown.get("company_name").isNull());
    }

    @Test
    void export_isOneCsvRowPerSnapshot_withFormulasNeutralised_andNumbersKept() throws Exception {
        String csv;
        try (Http1ClientResponse res = request("/api/snapshots/export.csv?account_number=A1").request()) {
            assertEquals(200, res.status().code());
            assertEquals("text/csv; charset=utf-8", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
            assertTrue(res.headers().first(HeaderNames.CONTENT_DISPOSITION).orElseThrow().startsWith("attachment"));
            csv = res.as(String.class);
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(10, rows.size());
        CSVRecord first = rows.get(0);
        assertEquals("A1-202510", first.get("invoice_number"));
        assertEquals("'=HYPERLINK(\"x\")", first.get("company_name"));
        assertEquals("-8.94", first.get("total_line_item_charges"));
        assertEquals("400.00", first.get("total_amount"));
        assertEquals(List.of(ExportCsv.HEADER), List.copyOf(rows.get(0).getParser().getHeaderNames()));
    }

    @Test
    void export_withAMalformedFilter_is400() {
        try (Http1ClientResponse res = request("/api/snapshots/export.csv?to_period=May").request()) {
            assertEquals(400, res.status().code());
        }
    }

    @Test
    void formulaNeutralising_coversEveryTriggerCharacter() {
        for (String risky : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + risky, ExportCsv.text(risky));
        }
        assertEquals("Acme", ExportCsv.text("Acme"));
    }

    /** DirectClient does not split a query off the path, so parameters go in one by one. */
    private Http1ClientRequest request(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        Http1ClientRequest request = client.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .header(HeaderNames.AUTHORIZATION, READER);
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return request;
    }

    private JsonNode get(String path) throws Exception {
        try (Http1ClientResponse res = request(path).request()) {
            String body = res.as(String.class);
            assertEquals(200, res.status().code(), path + " -> " + body);
            return JSON.readTree(body);
        }
    }
}
