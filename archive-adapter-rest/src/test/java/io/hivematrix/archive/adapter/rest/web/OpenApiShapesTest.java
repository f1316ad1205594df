package io.hivematrix.archive.adapter.rest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.OpenApiSpec;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The field names the document gives each JSON body are exactly the ones the service writes. */
@RoutingTest
class OpenApiShapesTest {
    private static final OpenApiSpec SPEC = OpenApiSpec.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TestTokens.user("admin");
    private static final String LEDGER = TestTokens.service("ledger");

    private final DirectClient client;

    OpenApiShapesTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ArchiveHttp.routing(routing, TestApis.over(new InMemorySnapshotStore(),
                TokenVerifier.forKeys(TestTokens.publicKeys())));
    }

    @Test
    void snapshotBodies() throws IOException {
        archiveTheFixture();
        JsonNode duplicate = call(409, "POST", "/api/snapshot", LEDGER, Fixtures.ledgerSnapshot());
        assertShape("DuplicateProblem", duplicate);
        JsonNode snapshot = call(200, "GET", "/api/snapshot/620547-202510", ADMIN, null);
        assertShape("Snapshot", snapshot);
        assertShape("LineItem", snapshot.path("line_items").path(0));
        assertShape("Problem", call(404, "GET", "/api/snapshot/NONE-1", ADMIN, null));
        assertShape("Problem", call(401, "GET", "/api/snapshot/NONE-1", null, null));
        assertShape("Problem", call(403, "GET", "/api/snapshot/NONE-1", TestTokens.user("client"), null));
        JsonNode diff = call(200, "GET", "/api/snapshot/620547-202510/diff?against=620547-202510", ADMIN, null);
        assertShape("BillComparison", diff);
        assertShape("ComparedBill", diff.path("from"));
        assertShape("AmountChange", diff.path("totals").path("total_amount"));
        assertShape("CountChange", diff.path("counts").path("user_count"));
        assertShape("Problem", call(404, "GET", "/api/snapshot/620547-202510/diff", ADMIN, null));
        assertShape("ValidationProblem", call(400, "GET", "/api/snapshot/620547-202510/diff?against=a%20b", ADMIN,
                null));
        JsonNode invalid = call(400, "POST", "/api/snapshot", LEDGER, "{\"billing_month\":13}");
        assertShape("ValidationProblem", invalid);
        assertShape("FieldError", invalid.path("errors").path(0));
    }

    @Test
    void listBodies() throws IOException {
        archiveTheFixture();
        JsonNode page = call(200, "GET", "/api/snapshots/search?account_number=620547", ADMIN, null);
        assertShape("SearchPage", page);
        assertShape("SnapshotSummary", page.path("results").path(0));
        JsonNode history = call(200, "GET", "/api/snapshots/company/620547", ADMIN, null);
        assertShape("CompanyHistory", history);
        assertShape("CompanyEntry", history.path("snapshots").path(0));
        assertShape("Totals", call(200, "GET", "/api/snapshots/totals", ADMIN, null));
        assertShape("ValidationProblem", call(400, "GET", "/api/snapshots/search?month=13", ADMIN, null));
    }

    @Test
    void healthAndAuditBodies() throws IOException {
        assertShape("Health", call(200, "GET", "/health", null, null));
        assertShape("AuditHead", call(200, "GET", "/api/audit/head", ADMIN, null));
        assertShape("AuditVerification", call(200, "GET", "/api/audit/verify", ADMIN, null));
    }

    @Test
    void schedulerBodies() throws Exception {
        JsonNode config = call(200, "GET", "/api/scheduler/config", ADMIN, null);
        assertShape("SchedulerConfigEnvelope", config);
        assertShape("SchedulerConfig", config.path("config"));
        assertShape("SchedulerConfigUpdated", call(200, "POST", "/api/scheduler/config", ADMIN, "{\"hour\":3}"));
        JsonNode started = call(202, "POST", "/api/snapshots/bulk/create", ADMIN,
                "{\"year\":2025,\"month\":9,\"account_numbers\":[\"620547\"]}");
        assertShape("JobStarted", started);
        JsonNode job = finished(started.path("job_id").asText());
        assertShape("Job", job);
        assertShape("JobCompany", job.path("companies").path(0));
        JsonNode jobs = call(200, "GET", "/api/scheduler/jobs", ADMIN, null);
        assertShape("JobList", jobs);
        assertShape("JobSummary", jobs.path("jobs").path(0));
        assertShape("JobStarted", call(202, "POST", "/api/scheduler/jobs/" + job.path("id").asText() + "/retry",
                ADMIN, ""));
    }

    /** The body's fields are exactly the schema's properties (the service writes nulls too, so none is left out). */
    private static void assertShape(String schema, JsonNode body) {
        assertTrue(body.isObject(), schema + ": not an object: " + body);
        Set<String> written = new TreeSet<>();
        body.fieldNames().forEachRemaining(written::add);
        OpenApiSpec.Shape shape = SPEC.shape(schema);
        assertEquals(shape.properties(), written, schema + " vs " + body);
        assertTrue(written.containsAll(shape.required()), schema + " requires " + shape.required());
    }

    /** The first test to run archives the fixture (201); the others find it there (409). */
    private void archiveTheFixture() throws IOException {
        JsonNode reply = call(-1, "POST", "/api/snapshot", LEDGER, Fixtures.ledgerSnapshot());
        assertShape(reply.has("status") ? "DuplicateProblem" : "SnapshotCreated", reply);
    }

    private JsonNode finished(String jobId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode job = call(200, "GET", "/api/scheduler/jobs/" + jobId, ADMIN, null);
            if (!job.path("status").asText().equals("running")) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "still running: " + job);
            Thread.sleep(20);
        }
    }

    /** Calls the route and returns its JSON body, asserting the status unless it is -1. */
    private JsonNode call(int status, String method, String path, String token, String body) throws IOException {
        String[] pathAndQuery = path.split("\\?", 2);
        Http1ClientRequest request = client.method(io.helidon.http.Method.create(method)).path(pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            for (String parameter : pathAndQuery[1].split("&")) {
                String[] nameAndValue = parameter.split("=", 2);
                request.queryParam(nameAndValue[0], nameAndValue[1]);
            }
        }
        if (token != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        try (Http1ClientResponse res = body == null ? request.request()
                : request.header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            String text = res.as(String.class);
            if (status >= 0) {
                assertEquals(status, res.status().code(), method + " " + path + ": " + text);
            }
            return JSON.readTree(text);
        }
    }
}
