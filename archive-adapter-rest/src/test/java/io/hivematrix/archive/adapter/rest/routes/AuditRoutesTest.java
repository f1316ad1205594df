package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The audit routes and the sealed flag, over the in-memory chain. */
class AuditRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    private static final ArchiveApi api = TestApis.over(new InMemorySnapshotStore(), Clock.systemUTC(),
            TestApis.verifier(), List.of(), ArchiveApi.DEFAULT_MAX_BODY_BYTES);
    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(api);

    @Test
    void aSnapshotIsUnsealedUntilTheSealerRuns_andTheHeadThenCoversIt() throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ADMIN)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(Fixtures.ledgerSnapshot())) {
            assertEquals(201, res.status().code());
        }
        JsonNode before = get("/api/snapshot/620547-202510");
        assertFalse(before.get("sealed").asBoolean());
        assertTrue(before.get("audit_seq").isNull());
        assertEquals(1, get("/api/audit/head").get("pending").asInt());

        api.auditTrail().sealPending();

        JsonNode after = get("/api/snapshot/620547-202510");
        assertTrue(after.get("sealed").asBoolean());
        JsonNode head = get("/api/audit/head");
        assertEquals(after.get("audit_seq").asLong(), head.get("seq").asLong());
        assertEquals(64, head.get("hash").asText().length());
        assertEquals(1, head.get("snapshot_count").asInt());
        assertEquals(0, head.get("pending").asInt());
        assertEquals(1000, head.get("seal_interval_ms").asInt());
        assertFalse(head.get("sealed_at").isNull());

        JsonNode verify = get("/api/audit/verify");
        assertTrue(verify.get("ok").asBoolean());
        assertEquals(1, verify.get("checked").asInt());
        assertTrue(verify.get("first_broken").isNull());
        assertEquals(head.get("hash"), verify.get("head").get("hash"));
    }

    @Test
    void verifyIsForAdminsOnly_theHeadForEveryReader() {
        String billing = "Bearer " + TestTokens.user("billing");
        try (Http1ClientResponse res = client.get("/api/audit/verify").header(HeaderNames.AUTHORIZATION, billing).request()) {
            assertEquals(403, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/audit/head").header(HeaderNames.AUTHORIZATION, billing).request()) {
            assertEquals(200, res.status().code());
        }
    }

    private JsonNode get(String path) throws Exception {
        try (Http1ClientResponse res = client.get(path).header(HeaderNames.AUTHORIZATION, ADMIN).request()) {
            String body = res.as(String.class);
            assertEquals(200, res.status().code(), body);
            return JSON.readTree(body);
        }
    }
}
