package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health for balancers (live, ready with each check and its data), metrics for Prometheus, both without a token;
 * every request reported once with its route pattern and logged in one line with its request id and principal.
 */
class ObserveRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicBoolean SCHEDULER_UP = new AtomicBoolean(true);
    private static final List<String> OBSERVED = new CopyOnWriteArrayList<>();
    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(ObserveRoutesTest::routing);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static void routing(HttpRouting.Builder routing) {
        ArchiveApi api = TestApis.over(new InMemorySnapshotStore(), TestApis.verifier());
        HealthCheck scheduler = new FixedCheck("scheduler", SCHEDULER_UP::get,
                () -> Map.of("state", SCHEDULER_UP.get() ? "started" : "shut down"));
        ArchiveHttp.routing(routing, api, new Observability(List.of(HealthCheck.of("database", () -> true), scheduler),
                () -> "# TYPE archive_up gauge\narchive_up 1.0\n",
                (method, route, status, nanos) -> OBSERVED.add(method + " " + route + " " + status), true));
    }

    @BeforeEach
    void listen() {
        SCHEDULER_UP.set(true);
        OBSERVED.clear();
        Logger.getLogger("io.hivematrix.archive.requests").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("io.hivematrix.archive.requests").removeHandler(capture);
    }

    @Test
    void live_andReady_answerWithoutAToken() throws Exception {
        for (String path : List.of("/observe/health/live", "/observe/health/ready", "/observe/health",
                "/archive/observe/health/ready")) {
            try (Http1ClientResponse res = client.get(path).request()) {
                assertEquals(200, res.status().code(), path);
                JsonNode body = JSON.readTree(res.as(String.class));
                assertEquals("UP", body.get("status").asText(), path);
            }
        }
        try (Http1ClientResponse res = client.get("/observe/health/ready").request()) {
            JsonNode checks = JSON.readTree(res.as(String.class)).get("checks");
            assertEquals("database", checks.get(0).get("name").asText());
            assertEquals("started", checks.get(1).get("data").get("state").asText());
        }
    }

    @Test
    void ready_is503NamingTheFailingCheck_whileLiveStaysUp() throws Exception {
        SCHEDULER_UP.set(false);
        try (Http1ClientResponse res = client.get("/observe/health/ready").request()) {
            assertEquals(503, res.status().code());
            JsonNode body = JSON.readTree(res.as(String.class));
            assertEquals("DOWN", body.get("status").asText());
            assertEquals("UP", body.get("checks").get(0).get("status").asText());
            assertEquals("DOWN", body.get("checks").get(1).get("status").asText());
        }
        try (Http1ClientResponse res = client.get("/observe/health/live").request()) {
            assertEquals(200, res.status().code(), "a process that answers is alive; restarting it would not help");
        }
    }

    @Test
    void metrics_areServedAsPrometheusText_withoutAToken() {
        try (Http1ClientResponse res = client.get("/observe/metrics").request()) {
            assertEquals(200, res.status().code());
            assertEquals(Observability.METRICS_CONTENT_TYPE, res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
            assertTrue(res.as(String.class).contains("archive_up 1.0"));
        }
        try (Http1ClientResponse res = client.post("/observe/metrics").request()) {
            assertEquals(405, res.status().code());
        }
    }

    @Test
    void eachRequest_isReportedByRoutePattern_andLoggedInOneLine_withoutItsToken() {
        String token = TestTokens.user("billing");
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202510")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).header(CorrelationId.HEADER, "req-42").request()) {
            assertEquals(404, res.status().code());
            assertEquals("req-42", res.headers().first(CorrelationId.HEADER).orElseThrow());
        }
        try (Http1ClientResponse res = client.get("/api/snapshots/search").request()) {
            assertEquals(401, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/no/such/route/" + "x".repeat(300)).request()) {
            assertEquals(401, res.status().code());
        }
        // The filter reports once the response is sent, which the client may see first, so the reports of these
        // three requests may come in any order (and after the next request has begun).
        await(() -> OBSERVED.contains("GET /api/snapshot/{invoice} 404")
                && OBSERVED.stream().filter("GET unrouted 401"::equals).count() >= 2
                && lines.stream().anyMatch(l -> l.contains("req-42"))
                && lines.stream().anyMatch(l -> l.startsWith("GET /api/snapshots/search 401 "))
                && lines.stream().anyMatch(l -> l.startsWith("GET /no/such/route/")));
        // A refused request never reached its route: it counts as unrouted, and its line shows the path.
        assertEquals(List.of("GET /api/snapshot/{invoice} 404", "GET unrouted 401", "GET unrouted 401"),
                OBSERVED.stream().sorted().toList());
        String line = lines.stream().filter(l -> l.contains("req-42")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertTrue(line.matches("GET /api/snapshot/\\{invoice} 404 \\d+\\.\\dms id=req-42 principal=user:\\S+"), line);
        assertFalse(String.join("\n", lines).contains(token), "no token in any log line");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /api/snapshots/search 401 ") && l.endsWith("principal=-")), lines::toString);
        String unmatched = lines.stream().filter(l -> l.startsWith("GET /no/such/route/")).findFirst().orElseThrow();
        assertTrue(unmatched.startsWith("GET /no/such/route/xxx") && unmatched.contains("…") && unmatched.length() < 250, unmatched);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
        }
    }

    @Test
    void legacyCorrelationHeader_isStillHonoured_andBothHeadersAnswer() {
        try (Http1ClientResponse res = client.get("/observe/health/live").header(CorrelationId.LEGACY_HEADER, "old-7").request()) {
            assertEquals("old-7", res.headers().first(CorrelationId.HEADER).orElseThrow());
            assertEquals("old-7", res.headers().first(CorrelationId.LEGACY_HEADER).orElseThrow());
        }
    }
}
