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
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The monthly report over five bills whose sums are worked out by hand, as JSON and as CSV, and its 400s. */
@RoutingTest
class ReportRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "Bearer " + TestTokens.user("billing");

    private final DirectClient client;

    ReportRoutesTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        save(store, "A", 2025, 1, "100.10", "60.00", "40.10", "0", "0", "0");
        save(store, "A", 2025, 3, "1875", "1000", "500", "300", "50", "25");
        save(store, "B", 2025, 1, "250.05", "0", "0", "200.00", "50.05", "0");
        save(store, "B", 2025, 3, "-5.00", "0", "0", "0", "0", "-5.00"); // a credit note
        save(store, "C", 2024, 12, "9.99", "9.99", "0", "0", "0", "0"); // before every range below
        ArchiveHttp.routing(routing, TestApis.over(store, TokenVerifier.forKeys(TestTokens.publicKeys())));
    }

    private static void save(InMemorySnapshotStore store, String account, int year, int month, String total,
                             String users, String assets, String backups, String tickets, String lines) {
        store.save(BillBuilder.sample(account, year, month).withTotalAmount(Money.of(total))
                        .withCharges(Money.of(users), Money.of(assets), Money.of(backups), Money.of(tickets),
                                Money.of(lines)).build(),
                ReceivedBody.of("{}"), Instant.parse("2025-04-01T00:00:00Z"), null);
    }

    /** The JSON text of one row: money as numbers with their cents. */
    private static String row(String period, int bills, String total, String users, String assets, String backups,
                              String tickets, String lines) {
        return "{\"period\":\"" + period + "\",\"companies\":" + bills + ",\"snapshots\":" + bills
                + ",\"total_amount\":" + total + ",\"total_user_charges\":" + users + ",\"total_asset_charges\":"
                + assets + ",\"total_backup_charges\":" + backups + ",\"total_ticket_charges\":" + tickets
                + ",\"total_line_item_charges\":" + lines + "}";
    }

    private static final String ZEROS = "0.00";

    @Test
    void everyCompany_eachPeriodAddedUp_andTheGapsAsZeros() throws Exception {
        String body = body("/api/reports/monthly", "from", "2025-01", "to", "2025-04");
        // January: A 100.10 + B 250.05 = 350.15. March: A 1875.00 + B's credit -5.00 = 1870.00, lines 25.00 - 5.00.
        String expected = "{\"from\":\"2025-01\",\"to\":\"2025-04\",\"account_number\":null,\"periods\":["
                + row("2025-01", 2, "350.15", "60.00", "40.10", "200.00", "50.05", ZEROS) + ","
                + row("2025-02", 0, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS) + ","
                + row("2025-03", 2, "1870.00", "1000.00", "500.00", "300.00", "50.00", "20.00") + ","
                + row("2025-04", 0, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS) + "]}";
        assertEquals(expected, body);
    }

    @Test
    void oneCompany_countsOnlyItsBills() throws Exception {
        String body = body("/api/reports/monthly", "from", "2024-12", "to", "2025-03", "account_number", "B");
        String expected = "{\"from\":\"2024-12\",\"to\":\"2025-03\",\"account_number\":\"B\",\"periods\":["
                + row("2024-12", 0, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS) + ","
                + row("2025-01", 1, "250.05", ZEROS, ZEROS, "200.00", "50.05", ZEROS) + ","
                + row("2025-02", 0, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS, ZEROS) + ","
                + row("2025-03", 1, "-5.00", ZEROS, ZEROS, ZEROS, ZEROS, "-5.00") + "]}";
        assertEquals(expected, body);
    }

    @Test
    void csv_hasTheSameRows_numbersAsNumbers_andNoCellARunnableFormula() throws Exception {
        String csv;
        try (Http1ClientResponse res = request("/api/reports/monthly.csv", "from", "2025-01", "to", "2025-03",
                "account_number", "B").request()) {
            assertEquals(200, res.status().code());
            assertEquals("text/csv; charset=utf-8", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
            assertEquals("attachment; filename=\"archive-monthly_2025-01_2025-03.csv\"",
                    res.headers().first(HeaderNames.CONTENT_DISPOSITION).orElseThrow());
            assertEquals("no-store", res.headers().first(HeaderNames.CACHE_CONTROL).orElseThrow());
            csv = res.as(String.class);
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(List.of(ReportRoutes.CSV_HEADER), List.copyOf(rows.getFirst().getParser().getHeaderNames()));
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(String.join(",", r.values())));
        assertEquals(List.of("2025-01,1,1,250.05,0.00,0.00,200.00,50.05,0.00",
                "2025-02,0,0,0.00,0.00,0.00,0.00,0.00,0.00",
                // A credit stays a number a spreadsheet adds up (the guard is for text cells only).
                "2025-03,1,1,-5.00,0.00,0.00,0.00,0.00,-5.00"), lines);
        for (CSVRecord r : rows) {
            for (String cell : r.values()) {
                assertTrue(cell.matches("-?[0-9][0-9.-]*"), () -> "a cell that is not a period or a number: " + cell);
            }
        }
    }

    @Test
    void aRangeOf120Periods_isReported_and121Are400() throws Exception {
        JsonNode ten = JSON.readTree(body("/api/reports/monthly", "from", "2015-02", "to", "2025-01"));
        assertEquals(120, ten.get("periods").size());
        assertEquals("2015-02", ten.get("periods").get(0).get("period").asText());
        assertEquals(350.15, ten.get("periods").get(119).get("total_amount").asDouble());
        Map<String, String> errors = errors("/api/reports/monthly", "from", "2015-01", "to", "2025-01");
        assertEquals(Map.of("to", "a report spans at most 120 periods; 2015-01 to 2025-01 is 121"), errors);
    }

    @Test
    void badParameters_are400NamingEachOne() throws Exception {
        assertEquals(Map.of("from", "is required, as YYYY-MM", "to", "is required, as YYYY-MM"),
                errors("/api/reports/monthly"));
        assertEquals(Map.of("from", "month must be between 1 and 12", "to", "period must look like YYYY-MM"),
                errors("/api/reports/monthly", "from", "2025-13", "to", "25-01"));
        assertEquals(Map.of("to", "must not be before from (2025-05)"),
                errors("/api/reports/monthly", "from", "2025-05", "to", "2025-04"));
        assertEquals(Map.of("from", "year must be between 2000 and 2100"),
                errors("/api/reports/monthly.csv", "from", "1999-12", "to", "2025-04"));
        assertEquals("account_number", errors("/api/reports/monthly", "from", "2025-01", "to", "2025-01",
                "account_number", "a b").keySet().iterator().next());
        assertEquals(Map.of("to", "must not be before from (2025-05)"),
                errors("/api/reports/monthly.csv", "from", "2025-05", "to", "2025-04"));
    }

    @Test
    void theReport_readsAsASearchDoes() {
        try (Http1ClientResponse res = client.get("/api/reports/monthly").queryParam("from", "2025-01")
                .queryParam("to", "2025-01").request()) {
            assertEquals(401, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/reports/monthly.csv").queryParam("from", "2025-01")
                .queryParam("to", "2025-01").header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.service("ledger"))
                .request()) {
            assertEquals(200, res.status().code(), "any service reads, as it may search");
        }
        try (Http1ClientResponse res = client.post("/api/reports/monthly").header(HeaderNames.AUTHORIZATION, READER)
                .request()) {
            assertEquals(405, res.status().code());
        }
    }

    private Http1ClientRequest request(String path, String... params) {
        Http1ClientRequest request = client.get(path).header(HeaderNames.AUTHORIZATION, READER);
        for (int i = 0; i < params.length; i += 2) {
            request.queryParam(params[i], params[i + 1]);
        }
        return request;
    }

    private String body(String path, String... params) {
        try (Http1ClientResponse res = request(path, params).request()) {
            String body = res.as(String.class);
            assertEquals(200, res.status().code(), body);
            return body;
        }
    }

    /** The 400's errors, field to message. */
    private Map<String, String> errors(String path, String... params) throws Exception {
        try (Http1ClientResponse res = request(path, params).request()) {
            String body = res.as(String.class);
            assertEquals(400, res.status().code(), body);
            assertEquals("application/problem+json", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
            Map<String, String> errors = new HashMap<>();
            JSON.readTree(body).get("errors").forEach(e -> errors.put(e.get("field").asText(),
                    e.get("message").asText()));
            return errors;
        }
    }
}
