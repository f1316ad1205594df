package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP and real PostgreSQL: a bill is compared with its company's previous archived period, found by the
 * store's own query across a month never billed, and the changes are the ones worked out by hand below.
 */
@ServerTest
class BillComparisonIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Decimals kept as written: 295.00 stays 295.00. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
    private static TestArchive archive;
    private static boolean archived;

    private final Http1Client client;

    BillComparisonIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        archive = TestArchive.wire(routing, BillComparisonIT.class);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    /**
     * August and December: the Ledger fixture as it is (1,875.00). October (September was never billed): User 11
     * left, Users 12 and 13 came (+100.00), backup went from 75.00 to 120.00 (+45.00) and the billable hours from
     * 3 to 4.5 (+150.00): 2,170.00 in all.
     */
    private static synchronized void archiveThreeBills(Http1Client client) throws Exception {
        if (archived) {
            return;
        }
        archived = true;
        post(client, bill(8));
        post(client, bill(12)); // a later bill is never the previous one
        ObjectNode october = bill(10);
        ArrayNode lines = (ArrayNode) october.get("line_items");
        List<JsonNode> kept = new ArrayList<>();
        lines.forEach(line -> {
            if (!line.get("item_name").asText().equals("User 11")) {
                kept.add(line);
            }
        });
        lines.removeAll();
        lines.addAll(kept);
        for (String name : List.of("User 13", "User 12")) {
            lines.addObject().put("line_type", "user").put("item_name", name).put("quantity", 1).put("rate", 100)
                    .put("amount", 100);
        }
        for (JsonNode line : lines) {
            ObjectNode l = (ObjectNode) line;
            switch (l.get("item_name").asText()) {
                case "Backup Services" -> l.put("rate", 120).put("amount", 120);
                case "Billable Hours" -> l.put("quantity", 4.5).put("amount", 450);
                default -> { }
            }
        }
        october.put("total_amount", 2170).put("total_user_charges", 1300).put("total_backup_charges", 120)
                .put("total_ticket_charges", 450).put("user_count", 13);
        post(client, october);
    }

    @Test
    void aBill_isComparedWithItsCompanysPreviousArchivedPeriod() throws Exception {
        JsonNode diff = get("/api/snapshot/CMP1-202510/diff", 200);

        assertEquals("CMP1-202508", diff.at("/from/invoice_number").asText(), "September was never billed");
        assertEquals("2025-08", diff.at("/from/period").asText());
        assertEquals("CMP1-202510", diff.at("/to/invoice_number").asText());
        assertTrue(diff.get("same_account").asBoolean());
        assertEquals("{\"from\":1875.00,\"to\":2170.00,\"change\":295.00}", diff.at("/totals/total_amount").toString());
        assertEquals("{\"from\":75.00,\"to\":120.00,\"change\":45.00}",
                diff.at("/totals/total_backup_charges").toString());
        assertEquals("{\"from\":12,\"to\":13,\"change\":1}", diff.at("/counts/user_count").toString());
        assertEquals(List.of("User 12", "User 13"), names(diff.at("/line_items/added")));
        assertEquals(List.of("User 11"), names(diff.at("/line_items/removed")));
        assertEquals(List.of("Billable Hours", "Backup Services"), names(diff.at("/line_items/changed")));
        assertEquals("150.00", diff.at("/line_items/changed/0/amount_change").decimalValue().toPlainString());
    }

    @Test
    void theCompanysFirstBill_hasNoPrevious() throws Exception {
        JsonNode problem = get("/api/snapshot/CMP1-202508/diff", 404);
        assertEquals("urn:hivematrix:archive:problem:no-previous-snapshot", problem.get("type").asText());
    }

    @Test
    void aNamedBill_isComparedWith_evenALaterOne() throws Exception {
        JsonNode diff = get("/api/snapshot/CMP1-202510/diff?against=CMP1-202512", 200);
        assertEquals("CMP1-202512", diff.at("/from/invoice_number").asText());
        assertEquals("295.00", diff.at("/totals/total_amount/change").decimalValue().toPlainString());
    }

    /** The Ledger fixture as company CMP1's bill of the month in 2025. */
    private static ObjectNode bill(int month) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        body.put("invoice_number", String.format("CMP1-2025%02d", month));
        body.put("company_account_number", "CMP1");
        body.put("billing_month", month);
        return body;
    }

    private static void post(Http1Client client, ObjectNode body) throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION,
                        archive.bearer("ledger")).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(JSON.writeValueAsBytes(body))) {
            assertEquals(201, res.status().code(), res.as(String.class));
        }
    }

    /** The body after checking the status; the three bills are archived first. */
    private JsonNode get(String path, int status) throws Exception {
        archiveThreeBills(client);
        String[] pathAndQuery = path.split("\\?against=", 2);
        var request = client.get(pathAndQuery[0]).header(HeaderNames.AUTHORIZATION, archive.userBearer("billing"));
        if (pathAndQuery.length == 2) {
            request.queryParam("against", pathAndQuery[1]);
        }
        try (Http1ClientResponse res = request.request()) {
            String text = res.as(String.class);
            assertEquals(status, res.status().code(), text);
            return EXACT.readTree(text);
        }
    }

    private static List<String> names(JsonNode lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(line.get("item_name").asText()));
        return out;
    }
}
