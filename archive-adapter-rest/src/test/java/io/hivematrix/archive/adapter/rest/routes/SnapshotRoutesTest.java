package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.ExactJson;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot routes over in-memory fakes: status codes, bodies and headers as the original service had them. */
class SnapshotRoutesTest {
    /** Reads numbers exactly, with their scale, so a test can tell 100.0 from 1E+2. */
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    private static final long SMALL_LIMIT = 64 * 1024;
    private static final String BEARER = "Bearer " + TestTokens.service("ledger");
    private static InMemorySnapshotStore store;
    private static final AtomicBoolean databaseUp = new AtomicBoolean(true);

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(SnapshotRoutesTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        store = new InMemorySnapshotStore();
        Clock clock = Clock.fixed(Instant.parse("2025-11-01T02:00:00.5Z"), ZoneOffset.UTC);
        ArchiveHttp.routing(routing, TestApis.over(store, clock, TestApis.verifier(),
                List.of(HealthCheck.of("database", databaseUp::get)), SMALL_LIMIT));
    }

    @BeforeEach
    void healthy() {
        databaseUp.set(true);
    }

    @Test
    void postingTheLedgerFixture_creates201_andReadsBackEveryField() throws Exception {
        ObjectNode body = fixture("CREATE-1", "CREATE-1");
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(201, res.status().code());
            JsonNode json = JSON.readTree(res.as(String.class));
            assertEquals("Snapshot created successfully", json.get("message").asText());
            assertEquals("CREATE-1", json.get("invoice_number").asText());
            assertTrue(json.get("snapshot_id").asLong() > 0);
            assertEquals("2025-11-01T02:00:00.500000+00:00", json.get("archived_at").asText(), "the time as stored");
            assertEquals("/api/snapshot/CREATE-1", res.headers().first(HeaderNames.LOCATION).orElseThrow());
        }
        JsonNode read = getJson("/api/snapshot/CREATE-1");
        assertEquals("CREATE-1", read.get("company_account_number").asText());
        assertEquals("Acme Corp", read.get("company_name").asText());
        assertEquals(2025, read.get("billing_year").asInt());
        assertEquals(10, read.get("billing_month").asInt());
        assertEquals("2025-10-31", read.get("invoice_date").asText());
        assertEquals("2025-11-30", read.get("due_date").asText());
        assertEquals("2025-11-01T02:00:00.500000+00:00", read.get("archived_at").asText());
        assertEquals("service:ledger", read.get("submitted_by").asText(), "the service token that sent it");
        assertEquals(0, new BigDecimal("1875.00").compareTo(read.get("total_amount").decimalValue()));
        assertEquals(34, read.get("line_items").size());
        // Kept as sent: same structure, and every number with the very digits Ledger wrote (100.0 stays 100.0).
        assertEquals(body.get("billing_data_json"), read.get("billing_data"));
        assertEquals("100.0", read.get("billing_data").get("users").get(0).get("cost").decimalValue().toPlainString());
        assertEquals(64, read.get("content_sha256").asText().length());
        for (String field : List.of("id", "billing_plan", "contract_term", "support_level", "total_user_charges",
                "total_asset_charges", "total_backup_charges", "total_ticket_charges", "total_line_item_charges",
                "user_count", "asset_count", "billable_hours", "created_by", "notes")) {
            assertTrue(read.has(field), field);
        }
    }

    @Test
    void aBillSentWithAUserToken_isSubmittedByThatUser_notByWhatTheBodySays() throws Exception {
        ObjectNode body = fixture("USER-1", "USER-1");
        body.put("created_by", "service:ledger");
        body.put("submitted_by", "service:ledger");
        try (Http1ClientResponse res = client.post("/api/snapshot")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.user("billing"))
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(JSON.writeValueAsBytes(body))) {
            assertEquals(201, res.status().code(), res.as(String.class));
        }
        JsonNode read = getJson("/api/snapshot/USER-1");
        assertEquals("user:billing@example.com", read.get("submitted_by").asText());
        assertEquals("service:ledger", read.get("created_by").asText());
    }

    @Test
    void aBillArchivedBeforeSubmittersWereRecorded_showsNone() throws Exception {
        store.save(SampleSnapshots.bill("OLD-1", 2025, 10).withSubmittedBy(null), ReceivedBody.of("{}"),
                Instant.parse("2025-11-01T00:00:00Z"), null);
        JsonNode read = getJson("/api/snapshot/OLD-1-202510");
        assertTrue(read.has("submitted_by") && read.get("submitted_by").isNull(), read.toString());
    }

    @Test
    void csvDownload_isTheStoredCsvByteForByte_withSafeFileNames() throws Exception {
        ObjectNode body = fixture("CSV-1", "CSV-1");
        String csv = "InvoiceNo,Customer,Amount\r\nCSV-1,\"Müller & Söhne, \"\"GmbH\"\"\",1.00\r\n\u20ac\n";
        body.put("invoice_csv", csv);
        body.put("company_name", "Müller & Söhne GmbH");
        post("/api/snapshot", body).close();
        try (Http1ClientResponse res = client.get("/api/snapshot/CSV-1/csv").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(200, res.status().code());
            assertEquals("text/csv; charset=utf-8", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
            assertEquals("attachment; filename=\"Mller__Shne_GmbH_2025-10.csv\"; "
                            + "filename*=UTF-8''M%C3%BCller__S%C3%B6hne_GmbH_2025-10.csv",
                    res.headers().first(HeaderNames.CONTENT_DISPOSITION).orElseThrow());
            assertArrayEquals(csv.getBytes(StandardCharsets.UTF_8), res.as(byte[].class));
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/NOPE-9/csv").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(404, res.status().code());
        }
    }

    @Test
    void readsSayTheContentNeverChanges() throws Exception {
        post("/api/snapshot", fixture("CACHE-1", "CACHE-1")).close();
        try (Http1ClientResponse res = client.get("/api/snapshot/CACHE-1").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertTrue(res.headers().first(HeaderNames.CACHE_CONTROL).orElseThrow().contains("immutable"));
        }
    }

    @Test
    void idempotencyKey_replaysTheOriginal201_andRefusesADifferentBodyWith422() throws Exception {
        ObjectNode body = fixture("IDEM-1", "IDEM-1");
        long firstId;
        try (Http1ClientResponse res = postWithKey(body, "key-123")) {
            assertEquals(201, res.status().code());
            firstId = JSON.readTree(res.as(String.class)).get("snapshot_id").asLong();
        }
        try (Http1ClientResponse res = postWithKey(body, "key-123")) {
            assertEquals(201, res.status().code());
            assertEquals(firstId, JSON.readTree(res.as(String.class)).get("snapshot_id").asLong());
            assertEquals("/api/snapshot/IDEM-1", res.headers().first(HeaderNames.LOCATION).orElseThrow());
        }
        body.put("notes", "something else");
        try (Http1ClientResponse res = postWithKey(body, "key-123")) {
            assertEquals(422, res.status().code());
            assertTrue(JSON.readTree(res.as(String.class)).get("error").asText().contains("key-123"));
        }
        try (Http1ClientResponse res = post("/api/snapshot", fixture("IDEM-1", "IDEM-1"))) {
            assertEquals(409, res.status().code(), "without the key it is an ordinary duplicate");
        }
    }

    @Test
    void malformedIdempotencyKey_is400NamingTheHeader() throws Exception {
        try (Http1ClientResponse res = postWithKey(fixture("IDEM-2", "IDEM-2"), "x".repeat(300))) {
            assertEquals(400, res.status().code());
            assertEquals("Idempotency-Key", JSON.readTree(res.as(String.class)).get("errors").get(0).get("field").asText());
        }
        assertEquals(404, getStatus("/api/snapshot/IDEM-2"));
    }

    private Http1ClientResponse postWithKey(JsonNode body, String key) throws Exception {
        return client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER)
                .header(HeaderNames.CONTENT_TYPE, "application/json").header(SnapshotRoutes.IDEMPOTENCY_KEY, key)
                .submit(JSON.writeValueAsBytes(body));
    }

    @Test
    void moneyIsKeptExactly_notThroughFloatingPoint() throws Exception {
        ObjectNode body = fixture("EXACT-1", "EXACT-1");
        body.put("total_amount", new BigDecimal("12345678901.23"));
        ((ObjectNode) body.get("line_items").get(0)).put("rate", new BigDecimal("0.123456"));
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(201, res.status().code());
        }
        JsonNode read = getJson("/api/snapshot/EXACT-1");
        assertEquals("12345678901.23", read.get("total_amount").decimalValue().toPlainString());
        assertEquals("0.123456", read.get("line_items").get(0).get("rate").decimalValue().toPlainString());
    }

    @Test
    void sameBillAgain_is409Identical_andADifferentOneIs409NotIdentical() throws Exception {
        ObjectNode body = fixture("DUP-1", "DUP-1");
        post("/api/snapshot", body).close();
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(409, res.status().code());
            JsonNode json = JSON.readTree(res.as(String.class));
            assertTrue(json.get("identical").asBoolean());
            assertEquals("DUP-1", json.get("invoice_number").asText());
            assertTrue(json.get("error").asText().startsWith("Snapshot already exists for invoice DUP-1"));
        }
        body.put("notes", "changed");
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(409, res.status().code());
            assertFalse(JSON.readTree(res.as(String.class)).get("identical").asBoolean());
        }
    }

    @Test
    void sameCompanyAndPeriod_underANewInvoiceNumber_is409() throws Exception {
        post("/api/snapshot", fixture("PERIOD-1", "ACC-PERIOD")).close();
        try (Http1ClientResponse res = post("/api/snapshot", fixture("PERIOD-2", "ACC-PERIOD"))) {
            assertEquals(409, res.status().code());
            assertEquals("PERIOD-1", JSON.readTree(res.as(String.class)).get("invoice_number").asText());
        }
    }

    @Test
    void everyBadField_isNamedIn400_andNothingIsStored() throws Exception {
        int before = store.size();
        ObjectNode body = fixture("bad invoice!", "ACC-BAD");
        body.remove("company_account_number");
        body.put("billing_month", 13);
        body.put("billing_year", "soon");
        body.put("total_amount", new BigDecimal("1.005"));
        body.put("due_date", "30/11/2025");
        body.remove("invoice_csv");
        ((ObjectNode) body.get("line_items").get(2)).put("rate", true);
        ((ObjectNode) body.get("line_items").get(3)).put("line_type", "gift");
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(400, res.status().code());
            assertEquals("application/problem+json", res.headers().contentType().orElseThrow().mediaType().text());
            JsonNode json = JSON.readTree(res.as(String.class));
            Set<String> fields = new HashSet<>();
            json.get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(Set.of("company_account_number", "invoice_number", "billing_year", "billing_month",
                    "total_amount", "due_date", "invoice_csv", "line_items[2].rate", "line_items[3].line_type"), fields);
            assertEquals(400, json.get("status").asInt());
            assertTrue(json.get("error").asText().contains("billing_month"));
        }
        assertEquals(before, store.size());
    }

    @Test
    void aLineItemThatIsNotAnObject_keepsLaterItemsAtTheirOwnIndex() throws Exception {
        ObjectNode body = fixture("IDX-1", "IDX-1");
        var items = JSON.createArrayNode();
        items.add(42);
        items.add(JSON.createObjectNode().put("item_name", "x").put("rate", "abc").put("amount", 1));
        body.set("line_items", items);
        assertEquals(Set.of("line_items[0]", "line_items[1].rate"), errorFields(body));
    }

    @Test
    void aNulInsideBillingData_is400NamingItsPath_notAServerError() throws Exception {
        ObjectNode body = fixture("NUL-1", "NUL-1");
        ((ObjectNode) body.get("billing_data_json")).put("note", "a\u0000b");
        assertEquals(Set.of("billing_data_json.note"), errorFields(body));
        body.put("invoice_csv", "a\u0000b");
        ((ObjectNode) body.get("billing_data_json")).remove("note");
        assertEquals(Set.of("invoice_csv"), errorFields(body));
    }

    @Test
    void aNumberInBillingDataOfMoreThan100DigitsWrittenOut_is400NamingItsPath() throws Exception {
        ObjectNode body = fixture("EXP-1", "EXP-1");
        ObjectNode user = (ObjectNode) body.get("billing_data_json").get("users").get(2);
        for (String number : List.of("1E+10000", "1E-10000", "1E+100", "1E-101", "1" + "0".repeat(100), "1e2147483647")) {
            user.put("cost", new BigDecimal(number));
            assertEquals(Set.of("billing_data_json.users[2].cost"), errorFields(body), number);
        }
        // At the limit it is kept, digit for digit: 100 digits before the point, or 100 after it.
        user.put("cost", new BigDecimal("1E+99"));
        ((ObjectNode) body.get("billing_data_json")).put("tiny", new BigDecimal("1E-100"));
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(201, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/EXP-1").header(HeaderNames.AUTHORIZATION, BEARER)
                .request()) {
            String read = res.as(String.class);
            assertTrue(read.contains("\"cost\":1" + "0".repeat(99) + ","), read);
            assertTrue(read.contains("\"tiny\":0." + "0".repeat(99) + "1"), read);
        }
    }

    @Test
    void anUnpairedSurrogateEscape_is400_notStoredAsAQuestionMark() throws Exception {
        ObjectNode body = fixture("SUR-1", "SUR-1");
        body.put("notes", "@half@");
        body.put("invoice_csv", "a,@half@");
        ((ObjectNode) body.get("line_items").get(0)).put("description", "@half@");
        ((ObjectNode) body.get("billing_data_json")).put("note", "@half@");
        // Jackson would write the lone char itself (and UTF-8 would make it "?"): the escape must be in the text.
        String text = JSON.writeValueAsString(body).replace("@half@", "\\ud800");
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(text.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(400, res.status().code());
            Set<String> fields = new HashSet<>();
            JSON.readTree(res.as(String.class)).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(Set.of("notes", "invoice_csv", "line_items[0].description", "billing_data_json.note"), fields);
        }
        // A whole pair is a character like any other.
        text = text.replace("\\ud800", "\\ud83d\\ude00");
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(text.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(201, res.status().code());
        }
        assertEquals("\uD83D\uDE00", getJson("/api/snapshot/SUR-1").get("notes").asText());
    }

    @Test
    void aBodyInUtf16OrUtf32_is400_notABillWhoseBodyCannotBeKept() throws Exception {
        // Their ASCII is valid UTF-8 full of NULs: the body must be read as the UTF-8 text it is, not re-guessed.
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE")) {
            byte[] body = JSON.writeValueAsString(fixture("ENC-" + charset, "ENC-" + charset))
                    .getBytes(Charset.forName(charset));
            try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER)
                    .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
                assertEquals(400, res.status().code(), charset);
            }
            assertEquals(404, getStatus("/api/snapshot/ENC-" + charset));
        }
        // A UTF-8 byte order mark is still ignored.
        byte[] withBom = ("\uFEFF" + JSON.writeValueAsString(fixture("BOM-1", "BOM-1")))
                .getBytes(StandardCharsets.UTF_8);
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(withBom)) {
            assertEquals(201, res.status().code());
        }
    }

    private Set<String> errorFields(JsonNode body) throws Exception {
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(400, res.status().code());
            Set<String> fields = new HashSet<>();
            JSON.readTree(res.as(String.class)).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            return fields;
        }
    }

    @Test
    void malformedBodies_are400ProblemJson() throws Exception {
        for (byte[] body : List.of("{\"a\":".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8),
                new byte[0], new byte[]{(byte) 0xC3, (byte) 0x28}, "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                "{} {}".getBytes(StandardCharsets.UTF_8))) {
            try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .submit(body)) {
                assertEquals(400, res.status().code(), new String(body, StandardCharsets.UTF_8));
                assertNotNull(JSON.readTree(res.as(String.class)).get("error"));
            }
        }
    }

    @Test
    void bodyOverTheLimit_is413() throws Exception {
        ObjectNode body = fixture("BIG-1", "BIG-1");
        body.put("notes", "x".repeat((int) SMALL_LIMIT));
        try (Http1ClientResponse res = post("/api/snapshot", body)) {
            assertEquals(413, res.status().code());
            assertTrue(JSON.readTree(res.as(String.class)).get("error").asText().contains("limit"));
        }
        assertEquals(404, getStatus("/api/snapshot/BIG-1"));
    }

    @Test
    void unknownInvoice_is404ProblemWithError() throws Exception {
        try (Http1ClientResponse res = client.get("/api/snapshot/NOPE-404").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(404, res.status().code());
            assertEquals("Snapshot not found", JSON.readTree(res.as(String.class)).get("error").asText());
        }
        assertEquals(404, getStatus("/api/snapshot/not%20an%20invoice"));
    }

    @Test
    void etagAndIfNoneMatch_give304() throws Exception {
        post("/api/snapshot", fixture("ETAG-1", "ETAG-1")).close();
        String etag;
        try (Http1ClientResponse res = client.get("/api/snapshot/ETAG-1").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            etag = res.headers().first(HeaderNames.ETAG).orElseThrow();
        }
        assertTrue(etag.matches("\"[0-9a-f]{64}\""));
        try (Http1ClientResponse res = client.get("/api/snapshot/ETAG-1").header(HeaderNames.AUTHORIZATION, BEARER).header(HeaderNames.IF_NONE_MATCH, etag)
                .request()) {
            assertEquals(304, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/ETAG-1").header(HeaderNames.AUTHORIZATION, BEARER).header(HeaderNames.IF_NONE_MATCH, "\"other\"")
                .request()) {
            assertEquals(200, res.status().code());
        }
    }

    @Test
    void routesAlsoAnswerUnderTheArchivePrefix() throws Exception {
        try (Http1ClientResponse res = post("/archive/api/snapshot", fixture("PREFIX-1", "PREFIX-1"))) {
            assertEquals(201, res.status().code());
            assertEquals("/archive/api/snapshot/PREFIX-1", res.headers().first(HeaderNames.LOCATION).orElseThrow());
        }
        assertEquals("PREFIX-1", getJson("/archive/api/snapshot/PREFIX-1").get("invoice_number").asText());
        assertEquals(200, getStatus("/archive/health"));
    }

    @Test
    void unsupportedMethods_are405WithAllow_andThereIsNoDeleteOrUpdate() throws Exception {
        post("/api/snapshot", fixture("M-1", "M-1")).close();
        for (Method method : List.of(Method.DELETE, Method.PUT, Method.PATCH)) {
            try (Http1ClientResponse res = client.method(method).path("/api/snapshot/M-1").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
                assertEquals(405, res.status().code());
                assertEquals("GET", res.headers().first(HeaderNames.ALLOW).orElseThrow());
            }
        }
        try (Http1ClientResponse res = client.get("/api/snapshot").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(405, res.status().code());
            assertEquals("POST", res.headers().first(HeaderNames.ALLOW).orElseThrow());
        }
        assertEquals(200, getStatus("/api/snapshot/M-1"));
    }

    @Test
    void unknownRoutes_are404ProblemJson() throws Exception {
        try (Http1ClientResponse res = client.get("/no/such/thing").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(404, res.status().code());
            assertEquals("application/problem+json", res.headers().contentType().orElseThrow().mediaType().text());
        }
    }

    @Test
    void health_is200WhenTheDatabaseAnswers_and503WhenNot() throws Exception {
        JsonNode ok = getJson("/health");
        assertEquals("ok", ok.get("status").asText());
        assertEquals("archive", ok.get("service").asText());
        databaseUp.set(false);
        try (Http1ClientResponse res = client.get("/health").header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(503, res.status().code());
            JsonNode json = JSON.readTree(res.as(String.class));
            assertEquals("unavailable", json.get("status").asText());
            assertEquals("down", json.get("checks").get("database").asText());
        }
    }

    @Test
    void correlationIdIsEchoed_orAssigned() {
        try (Http1ClientResponse res = client.get("/health").header(HeaderNames.AUTHORIZATION, BEARER).header(CorrelationId.HEADER, "abc-123").request()) {
            assertEquals("abc-123", res.headers().first(CorrelationId.HEADER).orElseThrow());
        }
        try (Http1ClientResponse res = client.get("/health").header(HeaderNames.AUTHORIZATION, BEARER).header(CorrelationId.HEADER, "bad id").request()) {
            assertTrue(res.headers().first(CorrelationId.HEADER).orElseThrow().matches("[0-9a-f-]{36}"));
        }
    }

    private ObjectNode fixture(String invoice, String account) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Fixtures.ledgerSnapshot());
        body.put("invoice_number", invoice);
        body.put("company_account_number", account);
        return body;
    }

    private Http1ClientResponse post(String path, JsonNode body) throws Exception {
        return client.post(path).header(HeaderNames.AUTHORIZATION, BEARER).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(JSON.writeValueAsBytes(body));
    }

    private JsonNode getJson(String path) throws Exception {
        try (Http1ClientResponse res = client.get(path).header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            assertEquals(200, res.status().code(), path);
            return JSON.readTree(res.as(String.class));
        }
    }

    private int getStatus(String path) {
        try (Http1ClientResponse res = client.get(path).header(HeaderNames.AUTHORIZATION, BEARER).request()) {
            return res.status().code();
        }
    }
}
