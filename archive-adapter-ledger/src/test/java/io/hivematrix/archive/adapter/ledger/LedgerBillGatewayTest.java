package io.hivematrix.archive.adapter.ledger;

import static io.hivematrix.archive.adapter.ledger.TestSupport.issuingTokens;
import static io.hivematrix.archive.adapter.ledger.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.SettableClock;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome.Failed;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Accepting a bill against a fake Ledger (and Core) over real HTTP: every answer, and no answer, maps to its outcome. */
class LedgerBillGatewayTest {
    private static final AccountNumber ACME = new AccountNumber("620547");
    private static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);
    private static final String ACCEPT = "/api/bill/accept";

    @AutoClose
    private final FakeNeighbours fakes = new FakeNeighbours();
    private final SettableClock clock = fakes.clock;
    private final AtomicInteger issued = fakes.issued;
    private final LoopbackServer ledger = fakes.neighbour;
    private final LoopbackServer core = fakes.core;

    private LedgerGateway gateway(URI ledgerUrl, URI coreUrl) {
        return fakes.clients(null, ledgerUrl, coreUrl).ledger();
    }

    private LedgerGateway gateway() {
        return gateway(ledger.uri(), core.uri());
    }

    private AcceptOutcome acceptAnswering(int status, String body) {
        ledger.on("POST", ACCEPT, request -> Answer.json(status, body));
        return gateway().acceptBill(ACME, OCTOBER, "monthly run");
    }

    @Test
    void created_isArchived_andTheRequestCarriesTheBillAndALedgerToken() {
        assertEquals(new AcceptOutcome.Archived(201), acceptAnswering(201, "{\"invoice_number\":\"620547-202510\"}"));

        LoopbackServer.Seen request = ledger.requests("POST", ACCEPT).get(0);
        assertEquals(json("{\"account_number\":\"620547\",\"year\":2025,\"month\":10,\"notes\":\"monthly run\"}"),
                json(request.body()));
        assertEquals(Optional.of("Bearer token-ledger-1"), request.authorization());
        assertEquals(Optional.of("application/json"), request.contentType());
        assertEquals("ledger", json(core.requests().get(0).body()).get("target_service").asText());
    }

    @Test
    void conflict_isAlreadyArchived() {
        assertEquals(new AcceptOutcome.AlreadyArchived(409), acceptAnswering(409, "{\"error\":\"already archived\"}"));
    }

    @Test
    void aSuccessStatusWithAnAnswerThatIsNotJson_isARetryableInvalidResponse_notASuccess() {
        // Not Ledger's answer (a proxy's page, say): nothing says the bill was taken, and asking again is safe.
        assertEquals(new Failed(200, "Ledger answered HTTP 200 with an invalid response: not JSON", true),
                acceptAnswering(200, "<html>Welcome to nginx</html>"));
        assertEquals(new Failed(201, "Ledger answered HTTP 201 with an invalid response: not JSON", true),
                acceptAnswering(201, ""));
    }

    @Test
    void aSuccessStatusWithJsonThatIsNotAnObject_isARetryableInvalidResponse() {
        assertEquals(new Failed(201, "Ledger answered HTTP 201 with an invalid response: JSON, but not an object", true),
                acceptAnswering(201, "[\"accepted\"]"));
        assertEquals(new Failed(201, "Ledger answered HTTP 201 with an invalid response: JSON, but not an object", true),
                acceptAnswering(201, "\"ok\""));
    }

    @Test
    void serverError_isRetryable_withLedgersError() {
        assertEquals(new Failed(500, "Ledger answered HTTP 500: Archive unreachable", true),
                acceptAnswering(500, "{\"error\":\"Archive unreachable\"}"));
    }

    @Test
    void serverErrorWithoutJson_isRetryable_withTheStatusLine() {
        assertEquals(new Failed(502, "Ledger answered HTTP 502", true), acceptAnswering(502, "<html>Bad Gateway</html>"));
    }

    @Test
    void tooManyRequests_isRetryable() {
        assertEquals(new Failed(429, "Ledger answered HTTP 429", true), acceptAnswering(429, ""));
    }

    @Test
    void badRequest_isNotRetryable_withLedgersError() {
        assertEquals(new Failed(400, "Ledger answered HTTP 400: No billing data for 620547", false),
                acceptAnswering(400, "{\"error\":\"No billing data for 620547\"}"));
    }

    @Test
    void otherClientErrors_areNotRetryable() {
        assertEquals(new Failed(404, "Ledger answered HTTP 404", false), acceptAnswering(404, "not found"));
        assertEquals(new Failed(403, "Ledger answered HTTP 403: forbidden", false),
                acceptAnswering(403, "{\"message\":\"forbidden\"}"));
    }

    @Test
    void aLongError_isCutTo500Characters() {
        Failed failed = (Failed) acceptAnswering(400, "{\"error\":\"" + "x".repeat(2_000) + "\"}");

        assertEquals(500, failed.error().length());
        assertTrue(failed.error().startsWith("Ledger answered HTTP 400: xxx"));
    }

    @Test
    void aLedgerSlowerThanTheCallTimeout_isARetryableFailureWithoutStatus() {
        ledger.on("POST", ACCEPT, request -> Answer.hanging());
        LedgerGateway gateway = fakes.clients(null, ledger.uri(), core.uri(), TestSupport.SHORT_TIMEOUT).ledger();

        long started = System.nanoTime();
        AcceptOutcome outcome = gateway.acceptBill(ACME, OCTOBER, "monthly run");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(new Failed(0, "Ledger did not answer within 300 ms", true), outcome);
        assertTrue(tookMillis < 3_000, "took " + tookMillis + " ms");
    }

    @Test
    void aRefusedConnection_isARetryableFailureWithoutStatus() {
        AcceptOutcome outcome = gateway(TestSupport.closedPort(), core.uri()).acceptBill(ACME, OCTOBER, "monthly run");

        Failed failed = assertInstanceOf(Failed.class, outcome);
        assertEquals(0, failed.httpStatus());
        assertTrue(failed.retryable());
        assertEquals("Ledger refused the connection or is unreachable", failed.error());
    }

    @Test
    void aConnectionClosedWithoutAnAnswer_isARetryableFailureWithoutStatus_sayingSo() {
        ledger.on("POST", ACCEPT, request -> Answer.dropped());

        Failed failed = assertInstanceOf(Failed.class, gateway().acceptBill(ACME, OCTOBER, "monthly run"));

        assertEquals(0, failed.httpStatus());
        assertTrue(failed.retryable());
        assertTrue(failed.error().startsWith("Ledger closed the connection without a complete answer ("), failed.error());
    }

    @Test
    void withoutLedgerUrl_itFailsAsNotConfigured_notRetryable_andAsksNobody() {
        assertEquals(new Failed(0, "Ledger is not configured (LEDGER_URL)", false),
                gateway(null, core.uri()).acceptBill(ACME, OCTOBER, "monthly run"));
        assertEquals(0, core.requests().size());
    }

    @Test
    void withoutCore_ledgerIsCalledWithoutAuthorization() {
        ledger.on("POST", ACCEPT, request -> Answer.json(201, "{}"));

        assertEquals(new AcceptOutcome.Archived(201), gateway(ledger.uri(), null).acceptBill(ACME, OCTOBER, null));

        LoopbackServer.Seen request = ledger.requests("POST", ACCEPT).get(0);
        assertEquals(Optional.empty(), request.authorization());
        assertEquals("", json(request.body()).get("notes").asText());
    }

    @Test
    void manyCalls_reuseOneToken() {
        ledger.on("POST", ACCEPT, request -> Answer.json(201, "{}"));
        LedgerGateway gateway = gateway();

        for (int i = 0; i < 30; i++) {
            gateway.acceptBill(new AccountNumber("A-" + i), OCTOBER, "monthly run");
        }

        assertEquals(1, issued.get());
        assertEquals(Set.of(Optional.of("Bearer token-ledger-1")),
                ledger.requests().stream().map(LoopbackServer.Seen::authorization).collect(Collectors.toSet()));
    }

    @Test
    void concurrentCalls_fetchOneToken() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 200));
        ledger.on("POST", ACCEPT, request -> Answer.json(201, "{}"));
        LedgerGateway gateway = gateway();
        int callers = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AcceptOutcome>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                AccountNumber account = new AccountNumber("C-" + i);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return gateway.acceptBill(account, OCTOBER, "monthly run");
                }));
            }
            go.countDown();
            for (Future<AcceptOutcome> outcome : outcomes) {
                assertEquals(new AcceptOutcome.Archived(201), outcome.get());
            }
        }
        assertEquals(1, issued.get());
        assertEquals(callers, ledger.requests("POST", ACCEPT).size());
    }

    @Test
    void tokenExpiry_leadsToANewTokenForLaterCalls() {
        ledger.on("POST", ACCEPT, request -> Answer.json(201, "{}"));
        LedgerGateway gateway = gateway();

        gateway.acceptBill(ACME, OCTOBER, "monthly run");
        clock.advance(Duration.ofMinutes(5));
        gateway.acceptBill(ACME, OCTOBER, "monthly run");

        List<LoopbackServer.Seen> seen = ledger.requests("POST", ACCEPT);
        assertEquals(Optional.of("Bearer token-ledger-1"), seen.get(0).authorization());
        assertEquals(Optional.of("Bearer token-ledger-2"), seen.get(1).authorization());
    }

    @Test
    void unauthorized_dropsTheCachedToken_retryableOnce() {
        ledger.on("POST", ACCEPT, request -> Answer.json(201, "{}"));
        LedgerGateway gateway = gateway();
        gateway.acceptBill(ACME, OCTOBER, "first call, fetches token 1");

        // Token 1 was cached: Ledger refusing it now may mean it was revoked, so a retry with a new token may help.
        ledger.on("POST", ACCEPT, request -> Answer.json(401, "{\"error\":\"Invalid token\"}"));
        assertEquals(new Failed(401, "Ledger answered HTTP 401: Invalid token", true),
                gateway.acceptBill(ACME, OCTOBER, "monthly run"));

        // The retry fetches token 2; refused too, it is not the token's age: stop retrying.
        assertEquals(new Failed(401, "Ledger answered HTTP 401: Invalid token", false),
                gateway.acceptBill(ACME, OCTOBER, "monthly run"));

        List<LoopbackServer.Seen> seen = ledger.requests("POST", ACCEPT);
        assertEquals(Optional.of("Bearer token-ledger-1"), seen.get(1).authorization());
        assertEquals(Optional.of("Bearer token-ledger-2"), seen.get(2).authorization());
        assertEquals(2, issued.get());
    }

    @Test
    void unauthorized_withoutCore_isNotRetryable() {
        ledger.on("POST", ACCEPT, request -> Answer.json(401, "{\"error\":\"Authorization required\"}"));

        assertEquals(new Failed(401, "Ledger answered HTTP 401: Authorization required", false),
                gateway(ledger.uri(), null).acceptBill(ACME, OCTOBER, "monthly run"));
    }

    @Test
    void whenCoreIsDown_ledgerIsNotCalled_andTheFailureIsRetryable() {
        core.on("POST", "/service-token", request -> Answer.json(503, "maintenance"));

        assertEquals(new Failed(0, "no service token for Ledger: Core answered HTTP 503 to a service-token request for ledger",
                true), gateway().acceptBill(ACME, OCTOBER, "monthly run"));
        assertEquals(0, ledger.requests().size());
    }
}
