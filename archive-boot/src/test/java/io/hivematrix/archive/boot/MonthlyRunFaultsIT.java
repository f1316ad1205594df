package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer.Fault;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ledger and Codex failing during monthly runs, over real loopback HTTP: the job's status, a precise error per company, and the retry that finishes the month. */
@ServerTest
class MonthlyRunFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMPANIES = 8;
    private static final int CONCURRENCY = 4;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));
    /** In the run with every Ledger fault: the companies that get one each, and those Ledger serves well. */
    private static final List<String> FAULTY = List.of("C01", "C02", "C03", "C04", "C05");
    private static final List<String> ARCHIVED_FIRST_TIME = List.of("C06", "C07", "C08");
    /** What each test injected and saw, for the one-line summary printed after the class. */
    private static final List<String> FAULTS = new CopyOnWriteArrayList<>();
    private static final List<String> OUTCOMES = new CopyOnWriteArrayList<>();

    private static FakeCodexServer codex;
    private static FakeLedgerServer ledger;
    private static TestArchive archive;

    private final OperatorCalls jobs;

    MonthlyRunFaultsIT(Http1Client client, URI uri) {
        this.jobs = new OperatorCalls(client, archive.userBearer("admin"));
        ledger.postBillsTo(uri, archive.bearer("ledger"));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        codex = new FakeCodexServer(COMPANIES);
        ledger = new FakeLedgerServer();
        archive = TestArchive.wire(routing, MonthlyRunFaultsIT.class, codex.uri(), ledger.uri(), CALL_TIMEOUT,
                CONCURRENCY, QUICK_RETRIES);
    }

    @AfterAll
    static void close() {
        System.out.println("MonthlyRunFaultsIT: " + COMPANIES + " companies per run, " + QUICK_RETRIES.maxAttempts()
                + " attempts per company, " + CALL_TIMEOUT.toSeconds() + " s call timeout | faults injected: "
                + String.join(", ", FAULTS) + " | outcomes: " + String.join("; ", OUTCOMES));
        archive.close();
        ledger.close();
        codex.close();
    }

    @BeforeEach
    void healthyNeighbours() {
        ledger.clearFaults();
        ledger.resetCounts();
        codex.heal();
    }

    @Test
    void everyLedgerFaultInOneRun_endsPartial_withAPreciseErrorPerCompany_andTheRetryBillsOnlyTheFailed() throws Exception {
        ledger.hang("C01");
        ledger.fault("C02", Fault.SERVER_ERROR);
        ledger.fault("C03", Fault.NOT_JSON);
        ledger.fault("C04", Fault.WRONG_SHAPE);
        ledger.fault("C05", Fault.DROPPED);
        JsonNode job;
        try {
            job = jobs.finished(jobs.bulk(2025, 1, null));
        } finally {
            ledger.unhang("C01");
        }
        FAULTS.add("Ledger timeout 1, Ledger HTTP 500 1, Ledger not JSON 1, Ledger JSON not an object 1,"
                + " Ledger connection dropped 1 (one run, " + ARCHIVED_FIRST_TIME.size() + " companies healthy)");

        assertEquals("partial", job.get("status").asText(), job.toString());
        assertEquals(COMPANIES, job.get("total_companies").asInt());
        assertEquals(ARCHIVED_FIRST_TIME.size(), job.get("success_count").asInt());
        assertEquals(FAULTY.size(), job.get("failed_count").asInt());
        Map<String, JsonNode> companies = byAccount(job);
        assertFailure(companies.get("C01"), null, "Ledger did not answer within 2 s");
        assertFailure(companies.get("C02"), 500, "HTTP 500: Ledger answered HTTP 500: injected failure");
        assertFailure(companies.get("C03"), 201, "HTTP 201: Ledger answered HTTP 201 with an invalid response: not JSON");
        assertFailure(companies.get("C04"), 201,
                "HTTP 201: Ledger answered HTTP 201 with an invalid response: JSON, but not an object");
        String dropped = companies.get("C05").get("detail").asText();
        assertTrue(dropped.startsWith("Ledger closed the connection without a complete answer ("), dropped);
        assertFailure(companies.get("C05"), null, dropped);
        for (String account : FAULTY) {
            assertEquals(QUICK_RETRIES.maxAttempts(), ledger.calls(account), account + ": every attempt reached Ledger");
        }
        for (String account : ARCHIVED_FIRST_TIME) {
            JsonNode company = companies.get(account);
            assertTrue(company.get("success").asBoolean(), company.toString());
            assertEquals(201, company.get("http_status").asInt());
            assertEquals(account + "-202501", company.get("invoice_number").asText());
        }
        List<String> listedErrors = job.get("output").get("errors").findValuesAsText("account_number");
        assertEquals(Set.copyOf(FAULTY), Set.copyOf(listedErrors));
        assertEquals(ARCHIVED_FIRST_TIME.size(), jobs.archivedIn(2025, 1));

        ledger.clearFaults();
        ledger.resetCounts();
        JsonNode retried = jobs.finished(jobs.retry(job.get("id").asText()));

        assertEquals("completed", retried.get("status").asText(), retried.toString());
        assertEquals("retry", retried.get("job_type").asText());
        assertEquals(Set.copyOf(FAULTY), byAccount(retried).keySet());
        for (String account : FAULTY) {
            assertEquals(1, ledger.calls(account), account);
        }
        for (String account : ARCHIVED_FIRST_TIME) {
            assertEquals(0, ledger.calls(account), account + " was archived by the first job: not billed again");
        }
        assertEquals(COMPANIES, jobs.archivedIn(2025, 1));
        OUTCOMES.add("Ledger faults: partial, " + job.get("success_count") + " ok/" + job.get("failed_count")
                + " failed (timeout, HTTP 500, invalid response x2, connection closed), " + QUICK_RETRIES.maxAttempts()
                + " calls each -> retry completed " + retried.get("success_count") + "/" + retried.get("total_companies")
                + " with 1 call each, 0 calls for the " + ARCHIVED_FIRST_TIME.size() + " already archived");
    }

    @Test
    void aLedgerNothingListensOn_failsEveryCompanyAsRefused_andOnceItListensTheRetryCompletes() throws Exception {
        URI nobody = closedPort();
        try (OtherArchive other = new OtherArchive(codex.uri(), nobody)) {
            JsonNode job = other.jobs.finished(other.jobs.bulk(2025, 2, null));
            FAULTS.add("Ledger connection refused " + COMPANIES + " (every company of one run)");

            assertEquals("failed", job.get("status").asText(), "every company failed: " + job);
            assertTrue(job.get("error").isNull(), "no job-wide error: each company has its own");
            assertEquals(0, job.get("success_count").asInt());
            assertEquals(COMPANIES, job.get("failed_count").asInt());
            for (JsonNode company : job.get("companies")) {
                assertFailure(company, null, "Ledger refused the connection or is unreachable");
            }

            try (FakeLedgerServer back = new FakeLedgerServer(nobody.getPort())) {
                back.postBillsTo(other.uri(), other.archive.bearer("ledger"));
                JsonNode retried = other.jobs.finished(other.jobs.retry(job.get("id").asText()));

                assertEquals("completed", retried.get("status").asText(), retried.toString());
                assertEquals(COMPANIES, retried.get("success_count").asInt());
                assertEquals(COMPANIES, back.totalCalls());
                assertEquals(COMPANIES, other.jobs.archivedIn(2025, 2));
                OUTCOMES.add("Ledger refused: failed, 0 ok/" + job.get("failed_count") + " failed -> retry completed "
                        + retried.get("success_count") + "/" + retried.get("total_companies"));
            }
        }
    }

    @Test
    void codexAnswering500OrGarbage_failsTheRunAsAWhole_callingLedgerNever_andTheRetryRunsTheMonth() throws Exception {
        record Case(int month, int status, String contentType, String body, String error) {
        }
        List<Case> cases = List.of(
                new Case(3, 500, "application/json", "{\"error\":\"database is down\"}",
                        "Codex answered HTTP 500 to GET /api/companies"),
                new Case(4, 200, "text/html", "<html>Sign in</html>", "Codex's answer to GET /api/companies is not JSON"),
                new Case(5, 200, "application/json", "{\"companies\":\"none\"}",
                        "Codex's answer to GET /api/companies is not a list of companies"));
        Map<Case, String> failedJobs = new LinkedHashMap<>();
        for (Case c : cases) {
            codex.fail(c.status(), c.contentType(), c.body());
            JsonNode job = jobs.finished(jobs.bulk(2025, c.month(), null));

            assertEquals("failed", job.get("status").asText(), job.toString());
            assertEquals(c.error(), job.get("error").asText());
            assertEquals(0, job.get("total_companies").asInt(), "no company was reached");
            assertEquals(0, job.get("companies").size());
            assertEquals(0, ledger.totalCalls(), "nothing is billed while the company list is unknown");
            assertEquals(0, jobs.archivedIn(2025, c.month()));
            failedJobs.put(c, job.get("id").asText());
        }
        FAULTS.add("Codex HTTP 500 1, Codex not JSON 1, Codex JSON not a list 1 (a full run each)");

        codex.heal();
        for (Map.Entry<Case, String> failed : failedJobs.entrySet()) {
            JsonNode retried = jobs.finished(jobs.retry(failed.getValue()));
            assertEquals("completed", retried.get("status").asText(), retried.toString());
            assertEquals(COMPANIES, retried.get("success_count").asInt(), "a run failed as a whole runs the month again");
            assertEquals(COMPANIES, jobs.archivedIn(2025, failed.getKey().month()));
        }
        assertEquals(cases.size() * COMPANIES, ledger.totalCalls());
        OUTCOMES.add("Codex 500/not JSON/not a list: 3 jobs failed with 0 companies reached and 0 Ledger calls -> "
                + "3 retries completed " + COMPANIES + "/" + COMPANIES + " each");
    }

    @Test
    void aCodexNothingListensOn_failsTheRunAsAWhole_andOnceItAnswersTheRetryRunsTheMonth() throws Exception {
        URI nobody = closedPort();
        try (FakeLedgerServer itsLedger = new FakeLedgerServer();
             OtherArchive other = new OtherArchive(nobody, itsLedger.uri())) {
            itsLedger.postBillsTo(other.uri(), other.archive.bearer("ledger"));
            JsonNode job = other.jobs.finished(other.jobs.bulk(2025, 7, null));
            FAULTS.add("Codex connection refused 1 (a full run)");

            assertEquals("failed", job.get("status").asText(), job.toString());
            assertEquals("Codex refused the connection or is unreachable (GET /api/companies)", job.get("error").asText());
            assertEquals(0, job.get("total_companies").asInt());
            assertEquals(0, itsLedger.totalCalls());

            try (FakeCodexServer back = new FakeCodexServer(COMPANIES, nobody.getPort())) {
                JsonNode retried = other.jobs.finished(other.jobs.retry(job.get("id").asText()));

                assertEquals("completed", retried.get("status").asText(), retried.toString());
                assertEquals(COMPANIES, retried.get("success_count").asInt());
                assertEquals(COMPANIES, itsLedger.totalCalls());
                assertEquals(COMPANIES, other.jobs.archivedIn(2025, 7));
                OUTCOMES.add("Codex refused: failed, 0 Ledger calls -> retry completed " + retried.get("success_count")
                        + "/" + retried.get("total_companies"));
            }
        }
    }

    @Test
    void codexFailingForARunOverNamedAccounts_failsEachUnbilled_andTheRetryBillsThoseAccountsOnly() throws Exception {
        codex.fail(503, "application/json", "{\"error\":\"maintenance\"}");
        JsonNode job = jobs.finished(jobs.bulk(2025, 6, List.of("C02", "C05")));
        FAULTS.add("Codex HTTP 503 1 (a run over 2 named accounts)");

        assertEquals("failed", job.get("status").asText(), job.toString());
        assertEquals(2, job.get("failed_count").asInt());
        for (JsonNode company : job.get("companies")) {
            assertEquals("not run: Codex answered HTTP 503 to GET /api/companies/C02", company.get("detail").asText());
            assertEquals(0, company.get("attempts").asInt());
        }
        assertEquals(0, ledger.totalCalls());

        codex.heal();
        JsonNode retried = jobs.finished(jobs.retry(job.get("id").asText()));

        assertEquals("completed", retried.get("status").asText(), retried.toString());
        assertEquals(Set.of("C02", "C05"), byAccount(retried).keySet(), "the accounts named, not the whole month");
        assertEquals(2, ledger.totalCalls());
        assertEquals(2, jobs.archivedIn(2025, 6));
        OUTCOMES.add("Codex 503 for 2 named accounts: failed, " + job.get("failed_count") + " not run, 0 Ledger calls"
                + " -> retry completed " + retried.get("success_count") + "/" + retried.get("total_companies")
                + ", " + ledger.totalCalls() + " Ledger calls");
    }

    /** A failed company as the job API shows it: every attempt used, Ledger's last status (or none), the error. */
    private static void assertFailure(JsonNode company, Integer httpStatus, String detail) {
        assertFalse(company.get("success").asBoolean(), company.toString());
        assertEquals(detail, company.get("detail").asText(), company.toString());
        assertEquals(QUICK_RETRIES.maxAttempts(), company.get("attempts").asInt(), company.toString());
        if (httpStatus == null) {
            assertTrue(company.get("http_status").isNull(), company.toString());
        } else {
            assertEquals(httpStatus.intValue(), company.get("http_status").asInt(), company.toString());
        }
        assertTrue(company.get("invoice_number").isNull(), company.toString());
    }

    private static Map<String, JsonNode> byAccount(JsonNode job) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        job.get("companies").forEach(c -> out.put(c.get("account_number").asText(), c));
        return out;
    }

    /** A loopback URL on a port that was free a moment ago and is closed now: connecting to it is refused. */
    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second Archive, with its own port and database, wired to neighbours the main one does not use. */
    private static final class OtherArchive implements AutoCloseable {
        final TestArchive archive;
        final OperatorCalls jobs;
        private final WebServer server;

        OtherArchive(URI codexUrl, URI ledgerUrl) {
            AtomicReference<TestArchive> wired = new AtomicReference<>();
            server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> wired.set(TestArchive.wire(r,
                    MonthlyRunFaultsIT.class, codexUrl, ledgerUrl, CALL_TIMEOUT, CONCURRENCY, QUICK_RETRIES)))
                    .build().start();
            archive = wired.get();
            jobs = new OperatorCalls(Http1Client.builder().baseUri(uri()).build(), archive.userBearer("admin"));
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.port());
        }

        @Override
        public void close() {
            jobs.client().closeResource();
            server.stop();
            archive.close();
        }
    }
}
