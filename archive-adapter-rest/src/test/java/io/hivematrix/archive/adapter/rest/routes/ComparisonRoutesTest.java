package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.OpenApiSpec;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.ExactJson;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/snapshot/{invoice}/diff} over two hand-made bills of one company (October: 590.50, November:
 * 711.00) and one of another; every expected number is worked out by hand from the lines below.
 */
class ComparisonRoutesTest {
    private static final String READER = "Bearer " + TestTokens.user("billing");
    private static final Instant T0 = Instant.parse("2025-12-01T02:00:00Z");

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(ComparisonRoutesTest::routing);

    private static LineItem line(LineType type, String name, String quantity, String rate, String amount) {
        return new LineItem(type, name, null, new BigDecimal(quantity), new BigDecimal(rate), Money.of(amount));
    }

    private static void routing(HttpRouting.Builder routing) {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        store.save(bill(10, "590.50", List.of("200.00", "25.50", "75.00", "300.00", "-10.00"), 2, 1, List.of(
                line(LineType.USER, "Alice", "1", "100", "100.00"), line(LineType.USER, "Bob", "1", "100", "100.00"),
                line(LineType.ASSET, "WS-001", "1", "25.50", "25.50"),
                line(LineType.BACKUP, "Cloud backup", "500", "0.15", "75.00"),
                line(LineType.TICKET, "Support hours", "2.5", "120", "300.00"),
                line(LineType.CUSTOM, "Credit", "1", "-10", "-10.00"))), ReceivedBody.of("{}"), T0, null);
        store.save(bill(11, "711.00", List.of("400.00", "51.00", "120.00", "150.00", "-10.00"), 4, 2, List.of(
                line(LineType.USER, "Alice", "1", "100", "100.00"), line(LineType.USER, "Erin", "1", "100", "100.00"),
                line(LineType.USER, "Carol", "1", "100", "100.00"), line(LineType.USER, "Dave", "1", "100", "100.00"),
                line(LineType.ASSET, "WS-001", "1", "25.50", "25.50"), line(LineType.ASSET, "WS-002", "1", "25.50", "25.50"),
                line(LineType.BACKUP, "Cloud backup", "800", "0.15", "120.00"),
                line(LineType.TICKET, "Support hours", "1.25", "120", "150.00"),
                line(LineType.CUSTOM, "Credit", "1", "-10", "-10.00"))), ReceivedBody.of("{}"), T0.plusSeconds(1), null);
        store.save(SampleSnapshots.bill("777001", 2025, 11), ReceivedBody.of("{}"), T0.plusSeconds(2), null);
        ArchiveHttp.routing(routing, TestApis.over(store, TestApis.verifier()));
    }

    /** A 2025 bill of company 620547 with its total, its five charges (users, assets, backup, tickets, other lines), counts and lines. */
    private static io.hivematrix.archive.domain.Snapshot bill(int month, String total, List<String> charges, int users,
            int assets, List<LineItem> lines) {
        List<Money> each = charges.stream().map(Money::of).toList();
        return BillBuilder.sample("620547", 2025, month).withLineItems(lines).withTotalAmount(Money.of(total))
                .withCharges(each.get(0), each.get(1), each.get(2), each.get(3), each.get(4))
                .withUserCount(users).withAssetCount(assets).build();
    }

    @Test
    void byDefault_theBillIsComparedWithItsCompanysPreviousPeriod() throws Exception {
        JsonNode diff = ok("/api/snapshot/620547-202511/diff");

        assertEquals("620547-202510", diff.at("/from/invoice_number").asText());
        assertEquals("2025-10", diff.at("/from/period").asText());
        assertEquals("620547", diff.at("/from/company_account_number").asText());
        assertEquals("620547-202511", diff.at("/to/invoice_number").asText());
        assertEquals("2025-11", diff.at("/to/period").asText());
        assertTrue(diff.get("same_account").asBoolean());
    }

    @Test
    void everyTotal_isWrittenToTheCent_withItsChange() throws Exception {
        JsonNode totals = ok("/api/snapshot/620547-202511/diff").get("totals");

        assertAmounts("590.50", "711.00", "120.50", totals.get("total_amount"));
        assertAmounts("200.00", "400.00", "200.00", totals.get("total_user_charges"));
        assertAmounts("25.50", "51.00", "25.50", totals.get("total_asset_charges"));
        assertAmounts("75.00", "120.00", "45.00", totals.get("total_backup_charges"));
        assertAmounts("300.00", "150.00", "-150.00", totals.get("total_ticket_charges"));
        assertAmounts("-10.00", "-10.00", "0.00", totals.get("total_line_item_charges"));
    }

    @Test
    void userAndAssetCounts_haveFromToAndChange() throws Exception {
        JsonNode counts = ok("/api/snapshot/620547-202511/diff").get("counts");

        assertEquals("{\"from\":2,\"to\":4,\"change\":2}", counts.get("user_count").toString());
        assertEquals("{\"from\":1,\"to\":2,\"change\":1}", counts.get("asset_count").toString());
    }

    @Test
    void addedRemovedAndChangedLines_biggestEffectFirst() throws Exception {
        JsonNode lines = ok("/api/snapshot/620547-202511/diff").get("line_items");

        // Three users at 100.00 (tied: by name), then the second workstation at 25.50.
        assertEquals(List.of("Carol", "Dave", "Erin", "WS-002"), names(lines.get("added")));
        assertEquals(List.of("user", "user", "user", "asset"), values(lines.get("added"), "line_type"));
        assertEquals(List.of("100.00", "100.00", "100.00", "25.50"), values(lines.get("added"), "amount_change"));
        assertEquals(List.of("Bob"), names(lines.get("removed")));
        assertEquals(List.of("-100.00"), values(lines.get("removed"), "amount_change"));
        // Hours moved the total by -150.00, backup by +45.00.
        assertEquals(List.of("Support hours", "Cloud backup"), names(lines.get("changed")));
        JsonNode hours = lines.get("changed").get(0);
        assertEquals("ticket", hours.get("line_type").asText());
        assertEquals("2.5", hours.at("/from/quantity").decimalValue().toPlainString());
        assertEquals("1.25", hours.at("/to/quantity").decimalValue().toPlainString());
        assertEquals("120", hours.at("/to/rate").decimalValue().toPlainString());
        assertEquals("300.00", hours.at("/from/amount").decimalValue().toPlainString());
        assertEquals("150.00", hours.at("/to/amount").decimalValue().toPlainString());
        assertEquals("-150.00", hours.get("amount_change").decimalValue().toPlainString());
        JsonNode backup = lines.get("changed").get(1);
        assertEquals("0.15", backup.at("/from/rate").decimalValue().toPlainString());
        assertEquals("75.00", backup.at("/from/amount").decimalValue().toPlainString());
        assertEquals("120.00", backup.at("/to/amount").decimalValue().toPlainString());
        assertEquals("45.00", backup.get("amount_change").decimalValue().toPlainString());
    }

    @Test
    void theBodyHasExactlyTheDocumentedShape() throws Exception {
        JsonNode diff = ok("/api/snapshot/620547-202511/diff");
        OpenApiSpec spec = OpenApiSpec.load();

        assertShape(spec, "BillComparison", diff);
        assertShape(spec, "ComparedBill", diff.get("from"));
        assertShape(spec, "AmountChange", diff.at("/totals/total_amount"));
        assertShape(spec, "CountChange", diff.at("/counts/user_count"));
        assertShape(spec, "LineItemOnOneSide", diff.at("/line_items/added/0"));
        assertShape(spec, "LineItemOnOneSide", diff.at("/line_items/removed/0"));
        assertShape(spec, "LineItemChange", diff.at("/line_items/changed/0"));
        assertShape(spec, "LineItemSide", diff.at("/line_items/changed/0/from"));
    }

    @Test
    void aNamedBillOfAnotherCompany_isComparedWith_andSaysSo() throws Exception {
        JsonNode diff = ok("/api/snapshot/620547-202511/diff?against=777001-202511");

        assertEquals("777001-202511", diff.at("/from/invoice_number").asText());
        assertEquals("777001", diff.at("/from/company_account_number").asText());
        assertFalse(diff.get("same_account").asBoolean());
        assertAmounts("400.00", "711.00", "311.00", diff.at("/totals/total_amount")); // the sample bill is 400.00
    }

    @Test
    void aBillComparedWithItself_hasEmptyListsAndZeroChanges() throws Exception {
        JsonNode diff = ok("/api/snapshot/620547-202511/diff?against=620547-202511");

        assertEquals("{\"added\":[],\"removed\":[],\"changed\":[]}", diff.get("line_items").toString());
        diff.get("totals").forEach(amounts -> assertEquals("0.00",
                amounts.get("change").decimalValue().toPlainString()));
        assertEquals(0, diff.at("/counts/user_count/change").asInt());
        assertEquals(0, diff.at("/counts/asset_count/change").asInt());
    }

    @Test
    void anEmptyAgainst_meansThePreviousBill() throws Exception {
        assertEquals("620547-202510", ok("/api/snapshot/620547-202511/diff?against=").at("/from/invoice_number")
                .asText());
    }

    @Test
    void aCompanysFirstBill_isA404SayingThereIsNoPrevious() throws Exception {
        problem(404, "/api/snapshot/620547-202510/diff", "no-previous-snapshot", "620547", "2025-10");
    }

    @Test
    void anUnknownInvoice_orAgainst_isA404NamingWhich() throws Exception {
        JsonNode invoice = problem(404, "/api/snapshot/NOPE-1/diff?against=620547-202510", "snapshot-not-found",
                "NOPE-1");
        assertFalse(invoice.get("detail").asText().contains("against"), invoice.toString());

        problem(404, "/api/snapshot/620547-202511/diff?against=NOPE-2", "snapshot-not-found", "against", "NOPE-2");

        // No bill has a malformed number: it is not found, like any other.
        problem(404, "/api/snapshot/no%20such/diff", "snapshot-not-found");
    }

    @Test
    void aMalformedAgainst_isA400NamingIt() throws Exception {
        JsonNode problem = problem(400, "/api/snapshot/620547-202511/diff?against=a%20b", "invalid-parameters");
        assertEquals("against", problem.at("/errors/0/field").asText(), problem.toString());
        assertEquals(1, problem.get("errors").size());
    }

    /** Calls {@code path} and expects a problem of the given status and type whose detail names each of {@code named}. */
    private JsonNode problem(int status, String path, String type, String... named) throws Exception {
        JsonNode problem = call(status, path);
        assertEquals("urn:hivematrix:archive:problem:" + type, problem.get("type").asText());
        for (String word : named) {
            assertTrue(problem.get("detail").asText().contains(word), problem.toString());
        }
        return problem;
    }

    @Test
    void access_isTheSnapshotReadRule() {
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202511/diff").request()) {
            assertEquals(401, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202511/diff")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.user("client")).request()) {
            assertEquals(403, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202511/diff")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.service("helm")).request()) {
            assertEquals(200, res.status().code(), "any service may read");
        }
        try (Http1ClientResponse res = client.get("/archive/api/snapshot/620547-202511/diff")
                .header(HeaderNames.AUTHORIZATION, READER).request()) {
            assertEquals(200, res.status().code(), "behind the proxy too");
            assertEquals("no-store", res.headers().first(HeaderNames.CACHE_CONTROL).orElse(null));
        }
        try (Http1ClientResponse res = client.post("/api/snapshot/620547-202511/diff")
                .header(HeaderNames.AUTHORIZATION, READER).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{}")) {
            assertEquals(405, res.status().code());
        }
    }

    private static void assertAmounts(String from, String to, String change, JsonNode amounts) {
        assertEquals(List.of(from, to, change), List.of(amounts.get("from").decimalValue().toPlainString(),
                amounts.get("to").decimalValue().toPlainString(), amounts.get("change").decimalValue().toPlainString()),
                amounts.toString());
    }

    private static void assertShape(OpenApiSpec spec, String schema, JsonNode body) {
        Set<String> written = new TreeSet<>();
        body.fieldNames().forEachRemaining(written::add);
        assertEquals(spec.shape(schema).properties(), written, schema + " vs " + body);
        assertTrue(written.containsAll(spec.shape(schema).required()), schema);
    }

    private static List<String> names(JsonNode lines) {
        return values(lines, "item_name");
    }

    private static List<String> values(JsonNode lines, String field) {
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(line.get(field).isNumber() ? line.get(field).decimalValue().toPlainString()
                : line.get(field).asText()));
        return out;
    }

    private Http1ClientRequest request(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        Http1ClientRequest request = client.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .header(HeaderNames.AUTHORIZATION, READER);
        if (q >= 0) {
            String[] pair = pathAndQuery.substring(q + 1).split("=", 2);
            request.queryParam(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        return request;
    }

    private JsonNode ok(String path) throws Exception {
        return call(200, path);
    }

    /** The JSON body, read with exact decimals (so 120.50 keeps its scale), after checking the status. */
    private JsonNode call(int status, String path) throws Exception {
        try (Http1ClientResponse res = request(path).request()) {
            String body = res.as(String.class);
            assertEquals(status, res.status().code(), path + " -> " + body);
            return ExactJson.MAPPER.readTree(body);
        }
    }
}
