package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monthly run end to end: real PostgreSQL, fake Codex and Ledger on loopback, Ledger posting bills back. */
@ServerTest
class MonthlyRunEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMPANIES = 25;
    private static final int CONCURRENCY = 4;
    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));

    private static FakeCodexServer codex;
    private static FakeLedgerServer ledger;
    private static TestArchive archive;
    private static String admin;

    private final Http1Client client;

    MonthlyRunEndToEndIT(Http1Client client, URI uri) {
        this.client = client;
        ledger.postBillsTo(uri, archive.bearer("ledger"));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        codex = new FakeCodexServer(COMPANIES);
        ledger = new FakeLedgerServer();
        archive = TestArchive.wire(routing, MonthlyRunEndToEndIT.class, codex.uri(), ledger.uri(),
                Duration.ofSeconds(2), CONCURRENCY, QUICK_RETRIES);
        admin = archive.userBearer("admin");
    }

    @AfterAll
    static void close() {
        archive.close();
        ledger.close();
        codex.close();
    }

    @BeforeEach
    void resetLedgerCounts() {
        ledger.resetCounts();
    }

    @Test
    void bulkRun_archivesEveryCompany_withNeverMoreThanTheConcurrencyLimitOfLedgerCalls() throws Exception {
        JsonNode job = finished(bulk(2025, 1, null));
        assertEquals("completed", job.get("status").asText(), job.toString());
        assertEquals(COMPANIES, job.get("total_companies").asInt());
        assertEquals(COMPANIES, job.get("success_count").asInt());
        assertEquals(COMPANIES, archivedIn(2025, 1));
        assertEquals(COMPANIES, ledger.totalCalls());
        assertTrue(ledger.maxConcurrentCalls() <= CONCURRENCY, "overlap " + ledger.maxConcurrentCalls());
        assertTrue(ledger.maxConcurrentCalls() > 1, "calls should overlap at all");
    }

    @Test
    void companiesAlreadyArchived_causeNoLedgerCall() throws Exception {
        List<String> early = codex.accounts().subList(0, 5);
        for (String account : early) {
            assertEquals(201, ledger.archiveBill(account, codex.name(account), 2025, 2));
        }
        JsonNode job = finished(bulk(2025, 2, null));
        assertEquals("completed", job.get("status").asText(), job.toString());
        assertEquals(COMPANIES, job.get("success_count").asInt());
        Map<String, JsonNode> companies = byAccount(job);
        for (String account : early) {
            assertEquals(0, ledger.calls(account), account);
            assertEquals(0, companies.get(account).get("attempts").asInt(), account);
            assertTrue(companies.get(account).get("detail").asText().contains("already archived"), account);
        }
        assertEquals(COMPANIES - early.size(), ledger.totalCalls());
        assertEquals(COMPANIES, archivedIn(2025, 2));
    }

    @Test
    void twoInjected500s_areRetried_andTheCompanyCompletesOnItsThirdAttempt() throws Exception {
        ledger.failFirst("C01", 2);
        JsonNode job = finished(bulk(2025, 3, List.of("C01", "C02")));
        assertEquals("completed", job.get("status").asText(), job.toString());
        Map<String, JsonNode> companies = byAccount(job);
        assertEquals(3, companies.get("C01").get("attempts").asInt());
        assertEquals(1, companies.get("C02").get("attempts").asInt());
        assertEquals(3, ledger.calls("C01"));
        assertEquals(2, archivedIn(2025, 3));
    }

    @Test
    void aHangingCompany_failsAfterItsRetries_andARetryOnceLedgerAnswersCompletesTheMonth() throws Exception {
        ledger.hang("C05");
        JsonNode partial;
        try {
            partial = finished(bulk(2025, 4, List.of("C03", "C04", "C05")));
        } finally {
            ledger.unhang("C05");
        }
        assertEquals("partial", partial.get("status").asText(), partial.toString());
        JsonNode hung = byAccount(partial).get("C05");
        assertEquals(QUICK_RETRIES.maxAttempts(), hung.get("attempts").asInt());
        assertTrue(hung.get("detail").asText().contains("did not answer within 2 s"), hung.toString());
        assertEquals("C05", partial.get("output").get("errors").get(0).get("account_number").asText());
        assertEquals(2, archivedIn(2025, 4));

        String retry;
        try (Http1ClientResponse res = client.post("/api/scheduler/jobs/" + partial.get("id").asText() + "/retry")
                .header(HeaderNames.AUTHORIZATION, admin).request()) {
            assertEquals(202, res.status().code());
            retry = JSON.readTree(res.as(String.class)).get("job_id").asText();
        }
        JsonNode retried = finished(retry);
        assertEquals("completed", retried.get("status").asText(), retried.toString());
        assertEquals(List.of("C05"), List.copyOf(byAccount(retried).keySet()));
        assertEquals(3, archivedIn(2025, 4));
    }

    @Test
    void runningTheSameMonthAgain_findsEveryCompanyAlreadyArchived_andCallsLedgerNever() throws Exception {
        assertEquals("completed", finished(bulk(2025, 5, null)).get("status").asText());
        ledger.resetCounts();

        JsonNode again = finished(bulk(2025, 5, null));
        assertEquals("completed", again.get("status").asText(), again.toString());
        assertEquals(0, ledger.totalCalls());
        assertEquals(COMPANIES, again.get("companies").size());
        for (JsonNode company : again.get("companies")) {
            assertTrue(company.get("detail").asText().startsWith("already archived"), company.toString());
            assertEquals(0, company.get("attempts").asInt());
        }
        assertEquals(COMPANIES, archivedIn(2025, 5));
    }

    @Test
    void aBillLedgerFindsArchivedAlready_answers409_andCountsAsSuccess() throws Exception {
        // The invoice number is taken (by another account), so the run does not skip C07 but the Archive refuses it.
        assertEquals(201, ledger.archiveBill("C07", "C07-OLD", "Company 07 (old account)", 2025, 7));
        JsonNode job = finished(bulk(2025, 7, List.of("C07")));
        assertEquals("completed", job.get("status").asText(), job.toString());
        JsonNode company = byAccount(job).get("C07");
        assertTrue(company.get("success").asBoolean());
        assertTrue(company.get("detail").asText().contains("HTTP 409"), company.toString());
        assertEquals(1, company.get("attempts").asInt(), "a 409 is not retried");
        assertEquals(1, ledger.calls("C07"));
    }

    @Test
    void pollingARunningJob_neverAnswers500() throws Exception {
        String id = bulk(2025, 6, null);
        int polls = 0;
        List<String> errors = new ArrayList<>();
        while (true) {
            try (Http1ClientResponse res = job(id)) {
                String text = res.as(String.class);
                polls++;
                if (res.status().code() != 200) {
                    errors.add(res.status().code() + " " + text);
                } else if (!JSON.readTree(text).get("status").asText().equals("running")) {
                    break;
                }
                assertTrue(polls < 100_000, "still running");
            }
        }
        assertEquals(List.of(), errors, "in " + polls + " polls");
    }

    private String bulk(int year, int month, List<String> accounts) throws Exception {
        return new OperatorCalls(client, admin).bulk(year, month, accounts);
    }

    /** Polls the job until it is no longer running; every read, while running too, must succeed. */
    private JsonNode finished(String id) throws Exception {
        return new OperatorCalls(client, admin).finished(id);
    }

    private Http1ClientResponse job(String id) {
        return client.get("/api/scheduler/jobs/" + id).header(HeaderNames.AUTHORIZATION, admin).request();
    }

    private int archivedIn(int year, int month) throws Exception {
        return new OperatorCalls(client, admin).archivedIn(year, month);
    }

    private static Map<String, JsonNode> byAccount(JsonNode job) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        job.get("companies").forEach(c -> out.put(c.get("account_number").asText(), c));
        return out;
    }
}
