package io.hivematrix.archive.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.application.fake.InMemorySnapshotStore;
import io.hivematrix.archive.application.port.in.FindSnapshot;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sealed snapshots and all CSVs are served from memory; unsealed JSON always from the store; the caches stay bounded. */
@RoutingTest
class ImmutableResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    private static final AtomicInteger lookups = new AtomicInteger();
    private static final AtomicInteger csvLookups = new AtomicInteger();
    private static ArchiveApi api;

    private final DirectClient client;

    ImmutableResponsesTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ArchiveApi real = TestApis.over(new InMemorySnapshotStore(), TokenVerifier.forKeys(TestTokens.publicKeys()));
        FindSnapshot counting = new FindSnapshot() {
            @Override
            public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
                lookups.incrementAndGet();
                return real.findSnapshot().byInvoiceNumber(invoiceNumber);
            }

            @Override
            public Optional<InvoiceCsv> csv(String invoiceNumber) {
                csvLookups.incrementAndGet();
                return real.findSnapshot().csv(invoiceNumber);
            }
        };
        api = new ArchiveApi(real.createSnapshot(), counting, real.searchSnapshots(), real.companyHistory(), real.archiveTotals(),
                real.exportSnapshots(), real.auditTrail(), real.schedule(), real.jobs(), real.runs(),
                real.sealInterval(), real.tokens(), real.snapshotWriters(), real.healthChecks(), real.maxBodyBytes(), real.unreachable());
        ArchiveHttp.routing(routing, api);
    }

    @Test
    void onlyImmutableResponsesAreKept_andTheyAreServedUnchanged() throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ADMIN)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(Fixtures.ledgerSnapshot())) {
            assertEquals(201, res.status().code());
        }
        int before = lookups.get();
        String unsealed1 = get();
        String unsealed2 = get();
        assertEquals(before + 2, lookups.get(), "unsealed: read from the store each time");
        assertFalse(JSON.readTree(unsealed1).get("sealed").asBoolean());
        assertEquals(unsealed1, unsealed2);

        api.auditTrail().sealPending();
        String sealed1 = get();
        String sealed2 = get();
        String sealed3 = get();
        assertEquals(before + 3, lookups.get(), "sealed: read once, then served from memory");
        assertTrue(JSON.readTree(sealed1).get("sealed").asBoolean());
        assertEquals(sealed1, sealed2);
        assertEquals(sealed1, sealed3);
    }

    @Test
    void aCsv_isReadOnce_thenServedFromMemory_withTheSameHeadersAndBytes() {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ADMIN)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(Fixtures.ledgerSnapshot().replace("620547", "777001"))) {
            assertEquals(201, res.status().code());
        }
        int before = csvLookups.get();
        List<String> first = csv("777001-202510");
        List<String> second = csv("777001-202510");
        List<String> third = csv("777001-202510");
        assertEquals(before + 1, csvLookups.get(), "a CSV never changes: read once");
        assertEquals(first, second);
        assertEquals(first, third);
        assertTrue(first.get(3).startsWith("attachment; filename="), first.get(3));

        try (Http1ClientResponse res = client.get("/api/snapshot/no-such-invoice/csv")
                .header(HeaderNames.AUTHORIZATION, ADMIN).request()) {
            assertEquals(404, res.status().code(), "a miss is not remembered as anything");
        }
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentlyUsedEntries() {
        ImmutableResponses cache = new ImmutableResponses(2);
        cache.put("a", new ImmutableResponses.Response(new byte[]{1}, "\"a\""));
        cache.put("b", new ImmutableResponses.Response(new byte[]{2}, "\"b\""));
        assertNotNull(cache.get("a"));
        cache.put("c", new ImmutableResponses.Response(new byte[]{3}, "\"c\""));
        assertEquals(2, cache.size());
        assertNull(cache.get("b"), "the least recently used entry went");
        assertNotNull(cache.get("a"));
        assertNotNull(cache.get("c"));
    }

    /** Body, ETag, Content-Type and Content-Disposition of a CSV download. */
    private List<String> csv(String invoice) {
        try (Http1ClientResponse res = client.get("/api/snapshot/" + invoice + "/csv")
                .header(HeaderNames.AUTHORIZATION, ADMIN).request()) {
            assertEquals(200, res.status().code());
            return List.of(res.as(String.class), res.headers().first(HeaderNames.ETAG).orElseThrow(),
                    res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow(),
                    res.headers().first(HeaderNames.CONTENT_DISPOSITION).orElseThrow());
        }
    }

    private String get() {
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202510").header(HeaderNames.AUTHORIZATION, ADMIN)
                .request()) {
            assertEquals(200, res.status().code());
            return res.as(String.class);
        }
    }
}
