package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.SnapshotJob;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service as {@code serve} starts it: readiness and metrics after real traffic, and a graceful stop in
 * the middle of a monthly run (readiness goes DOWN first, Ledger calls in flight finish and their bills arrive,
 * nobody else is asked, the job ends partial with the rest ready for a retry).
 */
class GracefulOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeCodexServer codex;
    private FakeLedgerServer ledger;
    private RunningArchive archive;

    @AfterEach
    void close() throws Exception {
        Closer.all(archive, ledger, codex, http);
    }

    private ArchiveSettings settings(DatabaseSettings database, Path dataDir) {
        return settings(database, dataDir, 0);
    }

    private ArchiveSettings settings(DatabaseSettings database, Path dataDir, int port) {
        Map<String, String> values = new HashMap<>(Map.of("ARCHIVE_PORT", Integer.toString(port),
                "ARCHIVE_DATA_DIR", dataDir.toString(), "ARCHIVE_AUTH", "dev",
                "ARCHIVE_DB_URL", database.jdbcUrl(), "ARCHIVE_DB_USER", database.user(),
                "CODEX_URL", codex.uri().toString(), "LEDGER_URL", ledger.uri().toString(),
                "ARCHIVE_SCHEDULER_CONCURRENCY", "2", "ARCHIVE_SHUTDOWN_GRACE_SECONDS", "20"));
        if (database.password() != null) {
            values.put("ARCHIVE_DB_PASSWORD", database.password());
        }
        // The test server's superuser, allowed as such: this test is about operations, RestrictedRoleIT about roles.
        values.put("ARCHIVE_ALLOW_OWNER_ROLE", "true");
        return ArchiveSettings.from(Config.just(ConfigSources.create(values),
                ConfigSources.classpath("application.yaml")));
    }

    /** Fake Codex (no companies) and Ledger, and the archive over a new database; returns its data directory. */
    private Path startWithoutCompanies() throws IOException {
        codex = new FakeCodexServer(0);
        ledger = new FakeLedgerServer();
        Path data = Files.createTempDirectory("archive-ops");
        archive = RunningArchive.start(settings(TestPostgres.newDatabase(GracefulOperationsIT.class), data));
        return data;
    }

    @Test
    void readinessAndMetrics_reflectRealTraffic() throws Exception {
        Path data = startWithoutCompanies();
        URI base = URI.create("http://127.0.0.1:" + archive.port());
        DevSigningKey key = DevSigningKey.loadOrCreate(data);
        String ledgerBearer = "Bearer " + key.serviceToken("ledger", Duration.ofMinutes(5));

        JsonNode ready = JSON.readTree(get(base, "/observe/health/ready").body());
        assertEquals("UP", ready.get("status").asText(), ready.toString());
        assertEquals(7, ready.get("checks").size(),
                "accepting, database, scheduler, seal lag, background, durability, database role: " + ready);
        String bill = TestArchive.fixture("ledger-snapshot-620547-202510.json");
        assertEquals(201, post(base, "/api/snapshot", ledgerBearer, bill).statusCode());
        assertEquals(409, post(base, "/api/snapshot", ledgerBearer, bill).statusCode());

        String metrics = get(base, "/observe/metrics").body();
        assertEquals(1.0, sample(metrics, "archive_snapshot_creates_total{outcome=\"created\"}"));
        assertEquals(1.0, sample(metrics, "archive_snapshot_creates_total{outcome=\"duplicate_identical\"}"));
        assertEquals(1.0, sample(metrics, "archive_http_requests_seconds_count{method=\"POST\",route=\"/api/snapshot\",status=\"201\"}"));
        assertEquals(16.0, sample(metrics, "archive_db_pool_max_connections"));
        assertTrue(metrics.contains("archive_audit_seal_lag_seconds") && metrics.contains("jvm_memory_used_bytes"), metrics);
    }

    @Test
    void aStopMidRun_drainsLedgerCallsInFlight_andLeavesTheRestForARetry() throws Exception {
        codex = new FakeCodexServer(300);
        ledger = new FakeLedgerServer();
        Path data = Files.createTempDirectory("archive-ops");
        DatabaseSettings database = TestPostgres.newDatabase(GracefulOperationsIT.class);
        archive = RunningArchive.start(settings(database, data));
        URI base = URI.create("http://127.0.0.1:" + archive.port());
        DevSigningKey key = DevSigningKey.loadOrCreate(data);
        ledger.postBillsTo(base, "Bearer " + key.serviceToken("ledger", Duration.ofMinutes(5)));
        String admin = "Bearer " + key.userToken("admin@example.com", "admin", "admin", Duration.ofMinutes(5));

        HttpResponse<String> started = post(base, "/api/snapshots/bulk/create", admin, "{\"year\":2025,\"month\":10}");
        assertEquals(202, started.statusCode(), started.body());
        UUID jobId = UUID.fromString(JSON.readTree(started.body()).get("job_id").asText());
        // 300 companies at 2 at a time and ~30 ms a call take ~5 s; stop after the first few are archived.
        try (PostgresDatabase db = PostgresDatabase.connect(database)) {
            awaitOutcomes(db, jobId, 4);
            RunningArchive stopping = archive;
            archive = null;
            long before = System.nanoTime();
            CompletableFuture<Void> stop = stopInBackground(stopping);
            // While it drains, the listener still answers (Ledger's posts must land) but says: not ready. The stop
            // runs on its own thread, so the first probes may come before it has begun; and one probe's checks run
            // concurrently with the stop, so a 503 may name the paused scheduler before "accepting" reads DOWN.
            String acceptingDown = "\"name\":\"accepting\",\"status\":\"DOWN\"";
            HttpResponse<String> during = get(base, "/observe/health/ready");
            for (int i = 0; i < 500 && !during.body().contains(acceptingDown); i++) {
                Thread.sleep(5);
                during = get(base, "/observe/health/ready");
            }
            assertEquals(503, during.statusCode(), during.body());
            assertTrue(during.body().contains(acceptingDown), during.body());
            stop.get(30, java.util.concurrent.TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            SnapshotJob job = db.jobStore().find(jobId).orElseThrow();
            assertEquals(JobStatus.PARTIAL, job.status(), job.toString());
            assertEquals(300, job.successCount() + job.failedCount(), "every company is accounted for");
            long notAsked = job.outcomes().stream().filter(o -> !o.success())
                    .map(CompanyOutcome::detail).filter(d -> d.contains("shutting down")).count();
            assertEquals(job.failedCount(), notAsked, "the only failures are the companies never asked");
            assertTrue(job.successCount() >= 4 && notAsked > 100, job.successCount() + " archived, " + notAsked + " left");
            // Each success is a bill Ledger really posted back, even those in flight when the stop began.
            assertEquals(job.successCount(), db.snapshotStore().countCompanies(), "bills archived");
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "bounded by the grace period: " + took);
        }
    }

    @Test
    void aStop_letsARequestInFlightFinish_andRefusesNewConnections() throws Exception {
        Path data = startWithoutCompanies();
        int port = archive.port();
        String bearer = "Bearer " + DevSigningKey.loadOrCreate(data).serviceToken("ledger", Duration.ofMinutes(5));
        byte[] body = TestArchive.fixture("ledger-snapshot-620547-202510.json").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            var out = socket.getOutputStream();
            out.write(("POST /api/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(200); // the server is reading this request's body when the stop begins
            RunningArchive stopping = archive;
            archive = null;
            CompletableFuture<Void> stop = stopInBackground(stopping);
            // The listener stops accepting once the schedule has stopped (Quartz can take a moment under load): wait
            // for that, rather than guess a time.
            boolean refused = false;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (!refused && System.nanoTime() < deadline) {
                // A fresh connection each time (a client's kept-alive one would say nothing about the listener).
                try (java.net.Socket probe = new java.net.Socket()) {
                    probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
                    Thread.sleep(100);
                } catch (IOException e) {
                    refused = true;
                }
            }
            assertTrue(refused, "the listener kept accepting new connections during the stop");
            assertTrue(!stop.isDone(), "the stop waits for the request in flight");
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 201 Created", status, "the request in flight was carried out");
            stop.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUse_failsTheStart_insteadOfRunningWithoutAListener() throws Exception {
        codex = new FakeCodexServer(0);
        ledger = new FakeLedgerServer();
        Path data = Files.createTempDirectory("archive-ops");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ArchiveSettings clash = settings(TestPostgres.newDatabase(GracefulOperationsIT.class), data,
                    taken.getLocalPort());
            IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> RunningArchive.start(clash));
            assertTrue(failure.getMessage().contains("could not listen on 127.0.0.1:" + taken.getLocalPort()),
                    failure.getMessage());
        }
    }

    /**
     * Stops the service on a thread of its own, as the JVM's shutdown hook does: on 2 cores the common pool has one
     * worker, and the JDK HTTP client completes Ledger's answers there, so a stop blocking it would starve the drain.
     */
    private static CompletableFuture<Void> stopInBackground(RunningArchive running) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Thread.ofPlatform().name("test-shutdown").start(() -> {
            running.close();
            stop.complete(null);
        });
        return stop;
    }

    private static void awaitOutcomes(PostgresDatabase db, UUID jobId, int atLeast) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (db.jobStore().find(jobId).orElseThrow().outcomes().size() >= atLeast) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the job recorded no progress");
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String bearer, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), () -> series + " missing from:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }
}
