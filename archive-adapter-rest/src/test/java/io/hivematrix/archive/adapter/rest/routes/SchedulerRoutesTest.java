package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.FakeCompanyDirectory;
import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The scheduler's config, jobs, bulk runs and retries over HTTP, against in-memory stores and fake Codex/Ledger. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    private static final String BILLING = "Bearer " + TestTokens.user("billing");
    private static final String LEDGER = "Bearer " + TestTokens.service("ledger");
    /** Older finished jobs, so that the list has more than one page. */
    private static final int SEEDED_JOBS = 120;

    private static InMemoryJobStore jobs;
    private static FakeLedger ledger;

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(SchedulerRoutesTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        FakeCompanyDirectory codex = new FakeCompanyDirectory().add("620547", "Acme Corp")
                .add("R1", "Retry One").add("R2", "Retry Two").add("R3", "Retry Three");
        // Like real Ledger, accepting a bill archives it; R3 is refused once, for good (no retry helps).
        ledger = new FakeLedger((account, period) -> store.save(SampleSnapshots.bill(account.value(), period.year(),
                period.month()), ReceivedBody.of("{}"), Instant.now(), null), 0)
                .script("R3", new AcceptOutcome.Failed(422, "Ledger answered HTTP 422: no contract", false));
        jobs = new InMemoryJobStore();
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < SEEDED_JOBS; i++) {
            jobs.create(SnapshotJob.start(UUID.randomUUID(), JobType.BULK, new BillingPeriod(2024, 1), 0, "seed",
                    t0.plusSeconds(i)).finish(t0.plusSeconds(i)));
        }
        ArchiveHttp.routing(routing, TestApis.over(store, jobs, codex, ledger,
                TestApis.verifier()));
    }

    @Test
    @Order(1)
    void config_hasTheOriginalFieldsPlusTimezoneAndNextRun_withTheDefaults() throws Exception {
        JsonNode body = ok(get("/api/scheduler/config", ADMIN));
        assertEquals(List.of("config"), names(body));
        JsonNode config = body.get("config");
        assertEquals(List.of("id", "enabled", "day_of_month", "hour", "snapshot_previous_month",
                "snapshot_all_companies", "last_run_at", "last_run_status", "last_run_count", "timezone",
                "next_run_at"), names(config));
        assertEquals(1, config.get("id").asInt());
        assertTrue(config.get("enabled").asBoolean());
        assertEquals(1, config.get("day_of_month").asInt());
        assertEquals(2, config.get("hour").asInt());
        assertTrue(config.get("snapshot_previous_month").asBoolean());
        assertTrue(config.get("snapshot_all_companies").asBoolean());
        assertTrue(config.get("last_run_at").isNull());
        assertTrue(config.get("last_run_status").isNull());
        assertTrue(config.get("last_run_count").isNull());
        assertEquals("UTC", config.get("timezone").asText());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime next = now.withDayOfMonth(1).withHour(2).withMinute(0).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusMonths(1);
        }
        assertEquals(next.toInstant(), OffsetDateTime.parse(config.get("next_run_at").asText()).toInstant());
    }

    @Test
    void config_partialUpdate_changesOnlyTheGivenFields_andIsVisibleAtOnce() throws Exception {
        try {
            JsonNode updated = ok(post("/api/scheduler/config", ADMIN,
                    "{\"day_of_month\":15,\"hour\":3,\"timezone\":\"Europe/Berlin\",\"snapshot_previous_month\":false}"));
            assertEquals("Scheduler configuration updated", updated.get("message").asText());
            JsonNode config = ok(get("/api/scheduler/config", ADMIN)).get("config");
            assertEquals(updated.get("config"), config);
            assertEquals(15, config.get("day_of_month").asInt());
            assertEquals(3, config.get("hour").asInt());
            assertEquals("Europe/Berlin", config.get("timezone").asText());
            assertFalse(config.get("snapshot_previous_month").asBoolean());
            assertTrue(config.get("enabled").asBoolean(), "not named, so unchanged");
            assertTrue(config.get("snapshot_all_companies").asBoolean(), "not named, so unchanged");
            ZonedDateTime next = OffsetDateTime.parse(config.get("next_run_at").asText())
                    .atZoneSameInstant(ZoneId.of("Europe/Berlin"));
            assertEquals(List.of(15, 3, 0), List.of(next.getDayOfMonth(), next.getHour(), next.getMinute()));

            JsonNode disabled = ok(post("/api/scheduler/config", ADMIN, "{\"enabled\":false}")).get("config");
            assertFalse(disabled.get("enabled").asBoolean());
            assertTrue(disabled.get("next_run_at").isNull(), "a disabled schedule never fires");
            assertEquals(15, disabled.get("day_of_month").asInt());
        } finally {
            ok(post("/api/scheduler/config", ADMIN, "{\"enabled\":true,\"day_of_month\":1,\"hour\":2,"
                    + "\"timezone\":\"UTC\",\"snapshot_previous_month\":true}"));
        }
    }

    @Test
    void config_invalidValues_are400NamingEachField_andChangeNothing() throws Exception {
        JsonNode before = ok(get("/api/scheduler/config", ADMIN));
        Map<String, Set<String>> cases = Map.of(
                "{\"day_of_month\":0}", Set.of("day_of_month"),
                "{\"day_of_month\":29}", Set.of("day_of_month"),
                "{\"hour\":24}", Set.of("hour"),
                "{\"timezone\":\"Mars/Base\"}", Set.of("timezone"),
                "{\"enabled\":\"yes\"}", Set.of("enabled"),
                "{\"hour\":5,\"day_of_month\":0}", Set.of("day_of_month"),
                "{\"day_of_month\":29,\"hour\":24,\"timezone\":\"Mars/Base\",\"enabled\":\"yes\","
                        + "\"snapshot_all_companies\":1}",
                Set.of("day_of_month", "hour", "timezone", "enabled", "snapshot_all_companies"));
        for (var c : cases.entrySet()) {
            Reply reply = post("/api/scheduler/config", ADMIN, c.getKey());
            assertEquals(400, reply.status(), c.getKey());
            assertEquals(c.getValue(), fields(reply.body()), c.getKey());
        }
        for (String notJson : List.of("not json", "[1,2]", "{\"hour\":", "")) {
            Reply reply = post("/api/scheduler/config", ADMIN, notJson);
            assertEquals(400, reply.status(), notJson);
            assertTrue(reply.body().get("type").asText().endsWith(":malformed-body"), notJson);
        }
        // Read as the create route reads: decoded UTF-8 text, never bytes Jackson would take for UTF-16.
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            Reply reply = post("/api/scheduler/config", ADMIN, "{\"hour\":5}".getBytes(charset));
            assertEquals(400, reply.status(), charset.name());
            assertTrue(reply.body().get("type").asText().endsWith(":malformed-body"), charset.name());
        }
        assertEquals(before, ok(get("/api/scheduler/config", ADMIN)));
    }

    @Test
    void adminRoutes_refuseBillingUsersAndServices_whoMayStillReadJobs() throws Exception {
        JsonNode before = ok(get("/api/scheduler/config", ADMIN));
        int jobCount = jobs.size();
        String job = ok(get("/api/scheduler/jobs?limit=1", ADMIN)).get("jobs").get(0).get("id").asText();
        for (String caller : List.of(BILLING, LEDGER, "Bearer " + TestTokens.service("codex"))) {
            assertEquals(403, get("/api/scheduler/config", caller).status());
            assertEquals(403, post("/api/scheduler/config", caller, "{\"hour\":7}").status());
            assertEquals(403, post("/api/snapshots/bulk/create", caller, "{\"year\":2025,\"month\":1}").status());
            assertEquals(403, post("/api/scheduler/jobs/" + job + "/retry", caller, "").status());
            assertEquals(200, get("/api/scheduler/jobs", caller).status());
            assertEquals(200, get("/api/scheduler/jobs/" + job, caller).status());
        }
        assertEquals(401, get("/api/scheduler/jobs", null).status());
        assertEquals(before, ok(get("/api/scheduler/config", ADMIN)));
        assertEquals(jobCount, jobs.size());
    }

    @Test
    void bulkCreate_answers202AtOnce_andTheJobRunsToItsEnd_visibleInTheListAndInDetail() throws Exception {
        Reply started = post("/api/snapshots/bulk/create", ADMIN,
                "{\"year\":2025,\"month\":9,\"account_numbers\":[620547,\"NOPE\"]}");
        assertEquals(202, started.status(), started.body().toString());
        assertEquals(Set.of("message", "job_id"), new HashSet<>(names(started.body())));
        assertEquals("Bulk snapshot job started", started.body().get("message").asText());
        String id = started.body().get("job_id").asText();

        JsonNode job = finished(id);
        assertEquals("partial", job.get("status").asText());
        assertEquals("bulk", job.get("job_type").asText());
        assertEquals(2025, job.get("target_year").asInt());
        assertEquals(9, job.get("target_month").asInt());
        assertEquals(2, job.get("total_companies").asInt());
        assertEquals(2, job.get("completed_companies").asInt());
        assertFalse(job.get("success").asBoolean());
        assertEquals("admin@example.com", job.get("triggered_by").asText());
        assertFalse(job.get("completed_at").isNull());
        assertTrue(job.get("error").isNull(), "the run itself did not fail, one company did");
        JsonNode output = job.get("output");
        assertEquals(1, output.get("success_count").asInt());
        assertEquals(1, output.get("failed_count").asInt());
        assertEquals(1, output.get("errors").size());
        assertEquals("NOPE", output.get("errors").get(0).get("account_number").asText());
        assertTrue(output.get("errors").get(0).get("error").asText().contains("Codex does not know account NOPE"));
        Map<String, JsonNode> companies = byAccount(job.get("companies"));
        assertEquals(Set.of("620547", "NOPE"), companies.keySet());
        assertTrue(companies.get("620547").get("success").asBoolean());
        assertEquals("Acme Corp", companies.get("620547").get("company_name").asText());
        assertEquals(1, companies.get("620547").get("attempts").asInt());
        assertFalse(companies.get("NOPE").get("success").asBoolean());
        assertEquals(0, companies.get("NOPE").get("attempts").asInt(), "an unknown company costs no Ledger call");
        assertEquals(201, companies.get("620547").get("http_status").asInt());
        assertEquals("620547-202509", companies.get("620547").get("invoice_number").asText(),
                "the invoice number Ledger's bill was archived under");
        assertFalse(companies.get("620547").get("started_at").isNull());
        assertFalse(companies.get("620547").get("finished_at").isNull());
        assertTrue(companies.get("NOPE").get("http_status").isNull(), "no call, so no HTTP status");
        assertTrue(companies.get("NOPE").get("invoice_number").isNull());
        assertEquals(200, get("/api/snapshot/620547-202509", ADMIN).status(), "Ledger archived the bill");

        JsonNode listed = ok(get("/api/scheduler/jobs", BILLING)).get("jobs").get(0);
        assertEquals(id, listed.get("id").asText(), "newest first");
        assertEquals(List.of("id", "job_type", "status", "target_year", "target_month", "total_companies",
                "completed_companies", "started_at", "completed_at", "success", "triggered_by", "success_count",
                "failed_count"), names(listed));
        assertEquals("partial", listed.get("status").asText());
        assertEquals(1, listed.get("success_count").asInt());
        assertEquals(1, listed.get("failed_count").asInt());

        // The run is recorded on the config just after the job is finished: wait for it.
        JsonNode config = ok(get("/api/scheduler/config", ADMIN)).get("config");
        for (int i = 0; i < 100 && !job.get("completed_at").equals(config.get("last_run_at")); i++) {
            Thread.sleep(20);
            config = ok(get("/api/scheduler/config", ADMIN)).get("config");
        }
        assertEquals(job.get("completed_at"), config.get("last_run_at"));
        assertEquals("partial", config.get("last_run_status").asText());
        assertEquals(1, config.get("last_run_count").asInt());
    }

    @Test
    void bulkCreate_invalidBodies_are400NamingTheField_andStartNoJob() throws Exception {
        int before = jobs.size();
        Map<String, String> cases = Map.of(
                "{\"year\":2025,\"month\":13}", "month",
                "{\"year\":1999,\"month\":1}", "year",
                "{\"year\":\"2025\",\"month\":1}", "year",
                "{\"month\":1}", "year",
                "{\"year\":2025}", "month",
                "{\"year\":2025,\"month\":1,\"account_numbers\":\"x\"}", "account_numbers",
                "{\"year\":2025,\"month\":1,\"account_numbers\":[]}", "account_numbers",
                "{\"year\":2025,\"month\":1,\"account_numbers\":[\"a b\"]}", "account_numbers[0]",
                "{\"year\":2025,\"month\":1,\"account_numbers\":[\"620547\",{}]}", "account_numbers[1]",
                "{\"year\":2025,\"month\":1,\"notes\":5}", "notes");
        for (var c : cases.entrySet()) {
            Reply reply = post("/api/snapshots/bulk/create", ADMIN, c.getKey());
            assertEquals(400, reply.status(), c.getKey());
            assertTrue(fields(reply.body()).contains(c.getValue()), c.getKey() + " → " + reply.body());
        }
        Reply all = post("/api/snapshots/bulk/create", ADMIN,
                "{\"year\":\"2025\",\"month\":13,\"account_numbers\":\"x\",\"notes\":[]}");
        assertEquals(Set.of("year", "month", "account_numbers", "notes"), fields(all.body()));
        assertEquals(Set.of("year", "month"), fields(post("/api/snapshots/bulk/create", ADMIN, "{}").body()));
        for (String notJson : List.of("year=2025&month=1", "[2025,1]", "")) {
            assertEquals(400, post("/api/snapshots/bulk/create", ADMIN, notJson).status(), notJson);
        }
        assertEquals(before, jobs.size());
    }

    @Test
    void jobList_limitDefaultsTo50_isCappedAt100_newestFirst_andBadValuesAre400() throws Exception {
        assertEquals(50, ok(get("/api/scheduler/jobs", ADMIN)).get("jobs").size());
        assertEquals(100, ok(get("/api/scheduler/jobs?limit=100", ADMIN)).get("jobs").size());
        JsonNode capped = ok(get("/api/scheduler/jobs?limit=5000", ADMIN)).get("jobs");
        assertEquals(100, capped.size());
        for (int i = 1; i < capped.size(); i++) {
            assertTrue(capped.get(i - 1).get("started_at").asText().compareTo(capped.get(i).get("started_at").asText()) >= 0);
        }
        JsonNode page = ok(get("/api/scheduler/jobs?limit=3&offset=2", ADMIN)).get("jobs");
        assertEquals(List.of(capped.get(2).get("id"), capped.get(3).get("id"), capped.get(4).get("id")),
                List.of(page.get(0).get("id"), page.get(1).get("id"), page.get(2).get("id")));
        assertEquals(0, ok(get("/api/scheduler/jobs?offset=100000", ADMIN)).get("jobs").size());
        for (String query : List.of("limit=0", "limit=-1", "limit=abc", "limit=1.5", "limit=99999999999")) {
            Reply reply = get("/api/scheduler/jobs?" + query, ADMIN);
            assertEquals(400, reply.status(), query);
            assertEquals(Set.of("limit"), fields(reply.body()), query);
        }
        assertEquals(Set.of("limit", "offset"), fields(get("/api/scheduler/jobs?limit=x&offset=-1", ADMIN).body()));
    }

    @Test
    void unknownOrMalformedJobIds_are404_forDetailAndRetry() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1", "%20")) {
            assertEquals(404, get("/api/scheduler/jobs/" + id, ADMIN).status(), id);
            assertEquals(404, post("/api/scheduler/jobs/" + id + "/retry", ADMIN, "").status(), id);
        }
    }

    @Test
    void retryOfAPartialJob_answers202_andRerunsOnlyTheFailedCompanies() throws Exception {
        String first = post("/api/snapshots/bulk/create", ADMIN,
                "{\"year\":2025,\"month\":8,\"account_numbers\":[\"R1\",\"R2\",\"R3\"]}").body().get("job_id").asText();
        JsonNode partial = finished(first);
        assertEquals("partial", partial.get("status").asText());
        assertEquals(2, partial.get("output").get("success_count").asInt());
        JsonNode failure = partial.get("output").get("errors").get(0);
        assertEquals("R3", failure.get("account_number").asText());
        assertTrue(failure.get("error").asText().contains("HTTP 422"), failure.toString());
        assertEquals(1, byAccount(partial.get("companies")).get("R3").get("attempts").asInt(),
                "a refusal no retry can help is not retried");

        Reply retry = post("/api/scheduler/jobs/" + first + "/retry", ADMIN, "");
        assertEquals(202, retry.status(), retry.body().toString());
        String second = retry.body().get("job_id").asText();
        assertNotEquals(first, second);
        JsonNode retried = finished(second);
        assertEquals("completed", retried.get("status").asText());
        assertTrue(retried.get("success").asBoolean());
        assertEquals("retry", retried.get("job_type").asText());
        assertEquals(List.of(2025, 8), List.of(retried.get("target_year").asInt(), retried.get("target_month").asInt()));
        assertEquals(1, retried.get("total_companies").asInt());
        assertEquals(Set.of("R3"), byAccount(retried.get("companies")).keySet());
        assertEquals(0, retried.get("output").get("errors").size());

        List<AccountNumber> calls = ledger.calls();
        assertEquals(List.of(1, 1, 2), List.of("R1", "R2", "R3").stream()
                .map(a -> (int) calls.stream().filter(c -> c.value().equals(a)).count()).toList());
        assertEquals("partial", ok(get("/api/scheduler/jobs/" + first, ADMIN)).get("status").asText(),
                "the retried job keeps its own result");
    }

    /** Polls a job until it is no longer running. */
    private JsonNode finished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode job = ok(get("/api/scheduler/jobs/" + id, ADMIN));
            if (!job.get("status").asText().equals("running")) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "still running: " + job);
            Thread.sleep(20);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    /** GET; DirectClient takes the query as parameters, not as part of the path. */
    private Reply get(String pathAndQuery, String auth) {
        int q = pathAndQuery.indexOf('?');
        var request = client.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (auth != null) {
            request.header(HeaderNames.AUTHORIZATION, auth);
        }
        try (Http1ClientResponse res = request.request()) {
            return new Reply(res.status().code(), parse(res.as(String.class)));
        }
    }

    private Reply post(String path, String auth, Object body) {
        try (Http1ClientResponse res = client.post(path).header(HeaderNames.AUTHORIZATION, auth)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            return new Reply(res.status().code(), parse(res.as(String.class)));
        }
    }

    private static JsonNode ok(Reply reply) {
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.body();
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> fields = new HashSet<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static Map<String, JsonNode> byAccount(JsonNode companies) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        companies.forEach(c -> out.put(c.get("account_number").asText(), c));
        return out;
    }
}
