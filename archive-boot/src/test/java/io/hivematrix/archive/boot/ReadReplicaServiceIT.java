package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.testing.ReplicatedPostgres;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code ARCHIVE_DB_READ_URL} naming a real streaming replica of its primary (two PostgreSQL 17
 * servers on loopback), serving as a runtime role that owns nothing: a bill reads back right after its 201 while the
 * replica lags; a replica too far behind or stopped turns readiness to "degraded: replica" while it stays UP, the
 * metrics show the lag, reads go on from the primary, and all goes back to the replica once it recovers.
 */
class ReadReplicaServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ReplicatedPostgres servers;
    private static RunningArchive archive;
    private static HttpClient http;
    private static URI base;
    private static String ledger;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        servers = ReplicatedPostgres.start();
        TestPostgres.Roles roles = servers.withRoles();
        Path data = Files.createTempDirectory("archive-replica-service");
        Map<String, String> values = new HashMap<>(roles.serviceSettings());
        values.putAll(Map.of("ARCHIVE_PORT", "0", "ARCHIVE_DATA_DIR", data.toString(), "ARCHIVE_AUTH", "dev",
                "ARCHIVE_DB_READ_URL", servers.replica().jdbcUrl(), "ARCHIVE_DB_READ_MAX_LAG_SECONDS", "1"));
        archive = RunningArchive.start(ArchiveSettings.from(Config.just(ConfigSources.create(values),
                ConfigSources.classpath("application.yaml"))));
        http = HttpClient.newHttpClient();
        base = URI.create("http://127.0.0.1:" + archive.port());
        DevSigningKey key = DevSigningKey.loadOrCreate(data);
        ledger = "Bearer " + key.serviceToken("ledger", Duration.ofMinutes(10));
        admin = "Bearer " + key.userToken("admin@example.com", "admin", "admin", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
        if (http != null) {
            http.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void readsGoToTheReplica_andABillReadsBackAtOnceWhileItLags_thenTheLaggingReplicaIsSetAside() throws Exception {
        awaitReplica(r -> r.path("reads_from").asText().equals("replica"));
        servers.pauseReplay();
        try {
            assertEquals(201, send("POST", "/api/snapshot", ledger,
                    TestArchive.fixture("ledger-snapshot-620547-202510.json")).statusCode());
            // Right after its 201, while the replica has not replayed it: read your own write.
            HttpResponse<String> bill = send("GET", "/api/snapshot/620547-202510", admin, null);
            assertEquals(200, bill.statusCode(), bill.body());
            assertEquals(200, send("GET", "/api/snapshot/620547-202510/csv", admin, null).statusCode());

            JsonNode degraded = awaitReplica(r -> r.path("state").asText().equals("degraded: replica"));
            assertTrue(degraded.path("reason").asText().contains("replay is paused"), degraded.toString());
            HttpResponse<String> ready = send("GET", "/observe/health/ready", null, null);
            assertEquals(200, ready.statusCode(), "degraded, still ready: " + ready.body());
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText());
            String metrics = send("GET", "/observe/metrics", null, null).body();
            assertTrue(metrics.contains("archive_db_replica_serving 0"), metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("archive_db_replica_lag_seconds ")
                    && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) > 1), metrics);
            // The company's history now comes from the primary, which has the bill.
            JsonNode history = JSON.readTree(send("GET", "/api/snapshots/company/620547", admin, null).body());
            assertEquals(1, history.path("total_snapshots").asLong(), history.toString());
        } finally {
            servers.resumeReplay();
        }
        awaitReplica(r -> r.path("reads_from").asText().equals("replica"));
        assertTrue(send("GET", "/observe/metrics", null, null).body().contains("archive_db_replica_serving 1"));
        JsonNode verify = JSON.readTree(send("GET", "/api/audit/verify", admin, null).body());
        assertTrue(verify.path("ok").asBoolean(), verify.toString());
    }

    @Test
    void aStoppedReplica_degradesReadiness_readsGoOnFromThePrimary_andItIsUsedAgainOnceBack() throws Exception {
        awaitReplica(r -> r.path("reads_from").asText().equals("replica"));
        servers.stopReplica();
        try {
            JsonNode degraded = awaitReplica(r -> r.path("reason").asText().equals("unreachable"));
            assertEquals("primary", degraded.path("reads_from").asText());
            assertEquals(200, send("GET", "/observe/health/ready", null, null).statusCode());
            HttpResponse<String> search = send("GET", "/api/snapshots/search?year=2025", admin, null);
            assertEquals(200, search.statusCode(), search.body());
            assertEquals(200, send("GET", "/api/reports/monthly?from=2025-01&to=2025-12", admin, null).statusCode());
        } finally {
            servers.startReplica();
        }
        awaitReplica(r -> r.path("reads_from").asText().equals("replica"));
        assertEquals(200, send("GET", "/api/snapshots/search?year=2025", admin, null).statusCode());
    }

    /** Polls readiness until its replica check's data satisfies {@code wanted}; returns that data. */
    private static JsonNode awaitReplica(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ready = send("GET", "/observe/health/ready", null, null);
            for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
                if (check.path("name").asText().equals("replica")) {
                    assertEquals("UP", check.path("status").asText(), check.toString());
                    last = check.path("data");
                }
            }
            if (last != null && wanted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never showed the replica as wanted; last: " + last);
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
