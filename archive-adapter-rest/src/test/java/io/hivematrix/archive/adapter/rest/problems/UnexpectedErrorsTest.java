package io.hivematrix.archive.adapter.rest.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failure inside a use case becomes a 500 problem that names a correlation id and leaks nothing. */
@RoutingTest
class UnexpectedErrorsTest {
    private static final String SECRET = "FATAL: password authentication failed for user archive_admin";
    private final DirectClient client;

    UnexpectedErrorsTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        CreateSnapshot failing = command -> {
            throw new IllegalStateException(SECRET);
        };
        ArchiveApi real = TestApis.over(new InMemorySnapshotStore(), TokenVerifier.forKeys(TestTokens.publicKeys()));
        ReadSnapshots failingFind = new ReadSnapshots() {
            @Override
            public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
                throw new IllegalStateException(SECRET);
            }

            @Override
            public Optional<InvoiceCsv> csv(String invoiceNumber) {
                throw new IllegalStateException("wrapped", new StoreDown(SECRET));
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
        ArchiveHttp.routing(routing, new ArchiveApi(failing, failingFind, real.compareBills(), real.searchSnapshots(), real.auditTrail(), real.proveLog(), real.schedule(), real.jobs(), real.runs(), real.sealInterval(),
                real.tokens(), real.snapshotWriters(), List.of(), real.maxBodyBytes(),
                failure -> failure.getCause() instanceof StoreDown, real.monthlyReport()));
    }

    /** Stands for what the store adapter classifies as "could not be reached". */
    static final class StoreDown extends RuntimeException {
        StoreDown(String message) {
            super(message);
        }
    }

    @Test
    void anUnreachableStore_is503WithRetryAfter_andNoInternals() {
        try (Http1ClientResponse res = client.get("/api/snapshot/X-1/csv").header(HeaderNames.AUTHORIZATION, "Bearer "
                + TestTokens.user("admin")).header(CorrelationId.HEADER, "trace-2").request()) {
            assertEquals(503, res.status().code());
            assertEquals(UnexpectedErrors.RETRY_AFTER_SECONDS, res.headers().first(HeaderNames.RETRY_AFTER).orElseThrow());
            String body = res.as(String.class);
            assertFalse(body.contains("password"), body);
            assertTrue(body.contains("urn:hivematrix:archive:problem:unavailable") && body.contains("trace-2"), body);
        }
    }

    @Test
    void useCaseFailure_is500ProblemWithoutInternals() {
        try (Http1ClientResponse res = client.get("/api/snapshot/X-1").header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.user("admin")).header(CorrelationId.HEADER, "trace-1").request()) {
            assertEquals(500, res.status().code());
            String body = res.as(String.class);
            assertFalse(body.contains("password"), body);
            assertFalse(body.contains("IllegalStateException"), body);
            assertEquals(true, body.contains("trace-1"));
            assertEquals("application/problem+json", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
        }
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, "Bearer " + TestTokens.user("admin"))
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(Fixtures.ledgerSnapshot())) {
            assertEquals(500, res.status().code());
        }
    }
}
