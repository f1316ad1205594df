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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sealed snapshots are served from memory; unsealed ones always from the store; the cache stays bounded. */
@RoutingTest
class SealedResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    private static final AtomicInteger lookups = new AtomicInteger();
    private static ArchiveApi api;

    private final DirectClient client;

    SealedResponsesTest(DirectClient client) {
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
                return real.findSnapshot().csv(invoiceNumber);
            }
        };
        api = new ArchiveApi(real.createSnapshot(), counting, real.searchSnapshots(), real.companyHistory(),
                real.exportSnapshots(), real.auditTrail(), real.schedule(), real.jobs(), real.runs(),
                real.sealInterval(), real.tokens(), real.snapshotWriters(), real.healthChecks(), real.maxBodyBytes());
        ArchiveHttp.routing(routing, api);
    }

    @Test
    void onlySealedResponsesAreKept_andTheyAreServedUnchanged() throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ADMIN)
                .submit(Fixtures.ledgerSnapshot())) {
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
    void theCacheKeepsOnlyTheMostRecentlyUsedEntries() {
        SealedResponses cache = new SealedResponses(2);
        cache.put("a", new SealedResponses.Response(new byte[]{1}, "\"a\""));
        cache.put("b", new SealedResponses.Response(new byte[]{2}, "\"b\""));
        assertNotNull(cache.get("a"));
        cache.put("c", new SealedResponses.Response(new byte[]{3}, "\"c\""));
        assertEquals(2, cache.size());
        assertNull(cache.get("b"), "the least recently used entry went");
        assertNotNull(cache.get("a"));
        assertNotNull(cache.get("c"));
    }

    private String get() {
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202510").header(HeaderNames.AUTHORIZATION, ADMIN)
                .request()) {
            assertEquals(200, res.status().code());
            return res.as(String.class);
        }
    }
}
