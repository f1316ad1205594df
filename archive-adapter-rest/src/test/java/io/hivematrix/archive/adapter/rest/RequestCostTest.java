package io.hivematrix.archive.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to cost the server far more than their own size (issue 17): each gets a small 400 that says why, and
 * nothing is stored. Only sizes and statuses are asserted; what they cost in time is measured by bench/hostile.
 */
class RequestCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEDGER = "Bearer " + TestTokens.service("ledger");
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    /** At most 50 named fields of at most a few hundred characters, in errors and again in detail and error. */
    private static final int SMALL = 64 * 1024;
    private static final InMemorySnapshotStore store = new InMemorySnapshotStore();
    /** The default 10 MiB body limit: these bodies are far below it, and far above what they used to cost. */
    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(TestApis.over(store));

    @Test
    void thirtyThousandHugeExponents_inBillingData_are400NamingThePathOfTheFirst_andStoreNothing() throws Exception {
        // 210 KB: each 1e9999 used to be written out as 10,000 digits, 300 million characters in all (an OOM at 512m).
        String billingData = "[{\"usage\":{\"amount\":1}},{\"usage\":{\"amount\":2}},{\"usage\":{\"amount\":3}},"
                + "{\"usage\":{\"amount\":1e9999}}," + "1e9999,".repeat(30_000) + "1]";
        int before = store.size();

        Reply reply = post("/api/snapshot", LEDGER, bill("H1-1", billingData, "[]"));

        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.bytes() < SMALL, reply.bytes() + " bytes");
        assertEquals(List.of("billing_data_json[3].usage.amount"), fields(reply.json()));
        assertTrue(reply.json().path("errors").path(0).path("message").asText().contains("100 digits"));
        assertEquals(before, store.size());
    }

    @Test
    void numbersWhoseCanonicalFormOutgrowsTwiceTheBody_are400_andStoreNothing() throws Exception {
        // Every 1e99 is within the digit limit, but 5 bytes each become 100 digits: the bounded writer stops it.
        String billingData = "[" + "1e99,".repeat(20_000) + "1]";
        int before = store.size();

        Reply reply = post("/api/snapshot", LEDGER, bill("CANON-1", billingData, "[]"));

        assertEquals(400, reply.status(), reply.text());
        assertEquals(List.of("billing_data_json"), fields(reply.json()));
        assertTrue(reply.json().path("errors").path(0).path("message").asText().contains("2 times the request body"));
        assertEquals(before, store.size());
        // The same numbers, fewer of them: written out they stay within twice the body, and are kept.
        assertEquals(201, post("/api/snapshot", LEDGER, bill("CANON-2", "[1e99,1e99,1e99]", "[]")).status());
    }

    @Test
    void threeHundredThousandLineItemsOfOne_are400WithASmallBody_namingTheArrayOnce() throws Exception {
        // 600 KB; it used to get one error per item, written twice: a 41 MB answer.
        Reply reply = post("/api/snapshot", LEDGER, bill("M1-1", "{}", "[" + "1,".repeat(299_999) + "1]"));

        assertEquals(400, reply.status());
        assertTrue(reply.bytes() < 4 * 1024, reply.bytes() + " bytes: " + reply.text());
        assertEquals(List.of("line_items"), fields(reply.json()));
        assertEquals("must have at most 10000 items", reply.json().path("errors").path(0).path("message").asText());
    }

    @Test
    void tenThousandBadLineItems_nameTheFirstFifty_thenHowManyMore_eachFieldOnce() throws Exception {
        Reply reply = post("/api/snapshot", LEDGER, bill("MANY-1", "{}", "[" + "1,".repeat(9_999) + "1]"));

        assertEquals(400, reply.status());
        assertTrue(reply.bytes() < SMALL, reply.bytes() + " bytes");
        JsonNode errors = reply.json().path("errors");
        assertEquals(Problems.MAX_FIELD_ERRORS + 1, errors.size());
        assertEquals("line_items[0]", errors.path(0).path("field").asText());
        assertEquals("line_items[49]", errors.path(49).path("field").asText());
        assertEquals(Problems.MORE, errors.path(50).path("field").asText());
        assertEquals("and 9950 more", errors.path(50).path("message").asText());
        List<String> fields = fields(reply.json());
        assertEquals(fields.size(), new HashSet<>(fields).size(), "a field named twice: " + fields);
        String detail = reply.json().path("detail").asText();
        assertTrue(detail.endsWith("; and 9950 more"), detail);
        // The original service's "error" is still there, and no longer than detail.
        assertEquals(detail, reply.json().path("error").asText());
    }

    @Test
    void aBulkRunNamingMoreThan1000Accounts_is400NamingTheListOnce() throws Exception {
        StringBuilder accounts = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            accounts.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "1.5" : "\"A" + i + "\"");
        }
        Reply reply = post("/api/snapshots/bulk/create", ADMIN,
                "{\"year\":2025,\"month\":10,\"account_numbers\":" + accounts + "]}");

        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.bytes() < 4 * 1024, reply.bytes() + " bytes");
        assertEquals(List.of("account_numbers"), fields(reply.json()));
    }

    @Test
    void hashCollidingKeys_are400_andDoNotBreakTheParserForLaterBodies() throws Exception {
        // 1,024 keys that all hash alike in Jackson's symbol table; with a shared table, the refusal left it corrupt,
        // and every later body with enough new keys got a 500.
        StringBuilder colliding = new StringBuilder("{");
        for (int i = 0; i < 1 << 10; i++) {
            colliding.append(i == 0 ? "\"" : ",\"");
            for (int bit = 0; bit < 10; bit++) {
                colliding.append(((i >> bit) & 1) == 0 ? "Ab" : "BA");
            }
            colliding.append("\":1");
        }
        assertEquals(400, post("/api/snapshot", LEDGER, bill("HASH-1", colliding + "}", "[]")).status());

        StringBuilder distinct = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            distinct.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        Reply reply = post("/api/snapshot", LEDGER, bill("HASH-2", distinct + "}", "[]"));
        assertEquals(201, reply.status(), reply.text());
    }

    @Test
    void aBodyOfEmptyObjectsThatWouldTakeOver16TimesItsSizeAsATree_is400_andStoresNothing() throws Exception {
        // 900 KB of {}: some 30 times that as tree nodes (fewer values than the most a body may hold).
        int before = store.size();

        Reply reply = post("/api/snapshot", LEDGER, bill("DENSE-1", "[" + "{},".repeat(300_000) + "{}]", "[]"));

        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.json().path("detail").asText().contains("times its size in memory"), reply.text());
        assertEquals(before, store.size());
        // Many small objects like the fixture's users, written compactly (about 11 times as a tree), are kept.
        String users = "[" + "{\"name\":\"User\",\"type\":\"Paid\",\"cost\":100.0},".repeat(20_000) + "{}]";
        assertEquals(201, post("/api/snapshot", LEDGER, bill("DENSE-2", "{\"users\":" + users + "}", "[]")).status());
    }

    @Test
    void aBodyOfMoreThan500000Values_is400_evenWhenTheyTakeLittleMemory() throws Exception {
        // 1.2 MB of 0: shared nodes, little heap; but reading, checking and writing each out costs time.
        Reply reply = post("/api/snapshot", LEDGER, bill("VALUES-1", "[" + "0,".repeat(600_000) + "0]", "[]"));

        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.json().path("detail").asText().contains("more than 500000 JSON values"), reply.text());
    }

    @Test
    void aNumberWhoseExponentOverflowsAnInt_is400_notAServerError() throws Exception {
        for (String number : List.of("1e99999999999", "1e-2147483649")) {
            Reply reply = post("/api/snapshot", LEDGER, bill("OVER-1", "[" + number + "]", "[]"));
            assertEquals(400, reply.status(), number + ": " + reply.text());
            assertFalse(reply.text().isEmpty());
        }
    }

    /** A valid bill but for what it carries as breakdown and line items (raw JSON text). */
    private static String bill(String invoice, String billingData, String lineItems) throws Exception {
        ObjectNode bill = (ObjectNode) JSON.readTree(Fixtures.ledgerSnapshot());
        bill.put("invoice_number", invoice);
        bill.put("company_account_number", invoice);
        bill.put("billing_data_json", "@data@");
        bill.put("line_items", "@items@");
        return JSON.writeValueAsString(bill).replace("\"@data@\"", billingData).replace("\"@items@\"", lineItems);
    }

    private Reply post(String path, String bearer, String body) {
        try (Http1ClientResponse res = client.post(path).header(HeaderNames.AUTHORIZATION, bearer)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body.getBytes(StandardCharsets.UTF_8))) {
            byte[] bytes = res.as(byte[].class);
            return new Reply(res.status().code(), bytes.length, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static List<String> fields(JsonNode problem) {
        return problem.path("errors").findValuesAsText("field");
    }

    /** A response as received: status, size and text. */
    private record Reply(int status, int bytes, String text) {
        JsonNode json() throws Exception {
            return JSON.readTree(text);
        }
    }
}
