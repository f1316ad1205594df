package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sealed snapshots and all CSVs are served from memory; unsealed JSON always from the store; the caches stay within
 * their bytes, and a body over the per-entry limit is never kept.
 */
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
        ReadSnapshots counting = new ReadSnapshots() {
            @Override
            public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
                lookups.incrementAndGet();
                return real.readSnapshots().byInvoiceNumber(invoiceNumber);
            }

            @Override
            public Optional<InvoiceCsv> csv(String invoiceNumber) {
                csvLookups.incrementAndGet();
                return real.readSnapshots().csv(invoiceNumber);
            }

            @Override
            public CompanyHistory history(AccountNumber account, int limit, int offset) {
                return real.readSnapshots().history(account, limit, offset);
            }

            @Override
            public Totals totals() {
                return real.readSnapshots().totals();
            }
        };
        api = new ArchiveApi(real.createSnapshot(), counting, real.compareBills(), real.searchSnapshots(), real.auditTrail(), real.proveLog(), real.schedule(), real.jobs(), real.runs(),
                real.sealInterval(), real.tokens(), real.snapshotWriters(), real.healthChecks(), real.maxBodyBytes(), real.unreachable(),
                real.monthlyReport());
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
    void aSnapshotOverTheEntryLimit_isServedInFull_butReadFromTheStoreEachTime() throws Exception {
        // A bill whose billing data (in its JSON) and whose CSV (its download) are each over the limit.
        ObjectNode bill = (ObjectNode) JSON.readTree(Fixtures.ledgerSnapshot().replace("620547", "777002"));
        String padding = "x".repeat(ImmutableResponses.MAX_ENTRY_BYTES);
        ((ObjectNode) bill.get("billing_data_json")).put("padding", padding);
        String csv = bill.get("invoice_csv").asText() + padding;
        bill.put("invoice_csv", csv);
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ADMIN)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(JSON.writeValueAsString(bill))) {
            assertEquals(201, res.status().code());
        }
        api.auditTrail().sealPending();

        int before = lookups.get();
        String first = get("777002-202510");
        String second = get("777002-202510");
        assertEquals(before + 2, lookups.get(), "sealed, but too large to keep: read from the store each time");
        assertTrue(JSON.readTree(first).get("sealed").asBoolean());
        assertTrue(first.length() > ImmutableResponses.MAX_ENTRY_BYTES && first.contains(padding), "served in full");
        assertEquals(first, second);

        int csvBefore = csvLookups.get();
        assertEquals(csv, csv("777002-202510").get(0));
        assertEquals(csv, csv("777002-202510").get(0));
        assertEquals(csvBefore + 2, csvLookups.get(), "a CSV over the limit is not kept either");
    }

    @Test
    void aBodyOverTheEntryLimit_isNotKept_oneAtTheLimitIs() {
        ImmutableResponses cache = new ImmutableResponses(1024 * 1024, 64 * 1024);
        cache.put("too-large", new ImmutableResponses.Response(new byte[64 * 1024 + 1], "\"t\""));
        assertNull(cache.get("too-large"));
        assertEquals(0, cache.size());
        assertEquals(0, cache.weight());
        cache.put("at-the-limit", new ImmutableResponses.Response(new byte[64 * 1024], "\"l\""));
        assertNotNull(cache.get("at-the-limit"));
    }

    @Test
    void theTotalWeight_staysWithinItsBytes_howeverManyLargeBodiesArrive() {
        long bound = 256 * 1024;
        ImmutableResponses cache = new ImmutableResponses(bound, 64 * 1024);
        for (int i = 0; i < 500; i++) {
            cache.put("big-" + i, new ImmutableResponses.Response(new byte[10 * 1024], "\"" + i + "\""));
            assertTrue(cache.weight() <= bound, "after " + (i + 1) + " puts the cache weighs " + cache.weight());
        }
        assertTrue(cache.size() <= bound / (10 * 1024), cache.size() + " entries of 10 KiB in 256 KiB");
        assertTrue(cache.weight() > bound / 2, "the bound is used, not just respected: " + cache.weight());
    }

    @Test
    void theBoundIsBytes_notEntries_soManySmallBodiesAreAllKept() {
        ImmutableResponses cache = new ImmutableResponses(1024 * 1024, 64 * 1024);
        for (int i = 0; i < 2_000; i++) {
            cache.put("small-" + i, new ImmutableResponses.Response(new byte[16], "\"" + i + "\""));
        }
        assertEquals(2_000, cache.size(), "2,000 tiny bodies fit in 1 MiB; the old cache kept 1,000 whatever their size");
        assertTrue(cache.weight() <= cache.maxBytes());
    }

    @Test
    void anEntryWeighsItsBody_plusItsHeadersAndKey() {
        ImmutableResponses.Response response = new ImmutableResponses.Response(new byte[1000], "\"etag\"",
                "attachment; filename=\"a.csv\"");
        int weight = ImmutableResponses.weigh("620547-202510", response);
        assertTrue(weight > 1000 + 2 * ("620547-202510".length() + 6 + 30), "weight " + weight);
        assertTrue(weight < 1000 + 512, "weight " + weight);
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
        return get("620547-202510");
    }

    private String get(String invoice) {
        try (Http1ClientResponse res = client.get("/api/snapshot/" + invoice).header(HeaderNames.AUTHORIZATION, ADMIN)
                .request()) {
            assertEquals(200, res.status().code());
            return res.as(String.class);
        }
    }
}
