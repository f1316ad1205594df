package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The default mode's own database under faults, with the packaged service as an operator runs it: its postmaster
 * killed with SIGKILL (what the OOM killer does) while 8 clients create, a database that hangs, and one that cannot
 * come back.
 */
class EmbeddedDatabaseCrashIT {
    private static final int CLIENTS = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aKilledPostmaster_isStartedAgain_andEveryAcknowledgedBillIsThereAndComplete() throws Exception {
        try (FakeCoreServer core = new FakeCoreServer();
             ServiceProcess service = ServiceProcess.startEmbedded("embedded-crash", core.uri(), Map.of());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Api ledger = new Api(service.uri(), core.service("ledger"));
            Map<String, String> acknowledged = new ConcurrentHashMap<>(); // invoice -> SHA-256 of the body sent
            AtomicLong killedAt = new AtomicLong(); // 0 until the kill
            AtomicLong firstFailure = new AtomicLong(); // the first refused create after the kill
            AtomicLong firstAfterKill = new AtomicLong(); // the first 201 after that
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String client = Integer.toString(c);
                running.add(clients.submit(() -> createUntilStopped(ledger, client, acknowledged, new Outage(killedAt,
                        firstFailure, firstAfterKill), stop)));
            }
            awaitAcknowledged(acknowledged, 100, Duration.ofSeconds(60));

            ProcessHandle postmaster = postmaster(service.dataDir());
            int beforeKill = acknowledged.size();
            killedAt.set(System.nanoTime());
            postmaster.destroyForcibly(); // SIGKILL
            // Serving again means new bills are acknowledged after the kill.
            awaitAcknowledged(acknowledged, beforeKill + 100, Duration.ofSeconds(30));
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            assertTrue(service.isAlive(), "the service died with its database:\n" + service.logText());
            assertNotEquals(postmaster.pid(), postmaster(service.dataDir()).pid(), "the postmaster was not restarted");
            assertTrue(service.logText().contains("is back after crash recovery"), service.logText());

            Api admin = new Api(service.uri(), core.user("admin"));
            Bills.assertArchivedAsSent(admin, acknowledged);
            awaitSealed(admin);
            HttpResponse<String> verify = admin.get("/api/audit/verify");
            assertTrue(Bills.JSON.readTree(verify.body()).get("ok").asBoolean(), verify.body());
            System.out.printf("embedded crash: %d acknowledged (%d before the SIGKILL), creates refused from"
                    + " %d ms after it, served again at %d ms; all verified%n", acknowledged.size(), beforeKill,
                    (firstFailure.get() - killedAt.get()) / 1_000_000, (firstAfterKill.get() - killedAt.get()) / 1_000_000);
        }
    }

    @Test
    void readinessAnswersWithinASecond_whileTheDatabaseHangs() throws Exception {
        try (ServiceProcess service = ServiceProcess.startEmbedded("embedded-hang", URI.create("http://127.0.0.1:9"),
                Map.of())) {
            assertEquals(200, ready(service).statusCode());
            List<ProcessHandle> postgres = serverProcesses(service.dataDir());
            signal("STOP", postgres);
            try {
                for (int probe = 0; probe < 3; probe++) {
                    long started = System.nanoTime();
                    HttpResponse<String> res = ready(service);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    assertEquals(503, res.statusCode(), res.body());
                    assertTrue(res.body().contains("no answer within"), res.body());
                    // The probe waits 800 ms; the rest is room for a loaded CI machine, far below the 10 s it took.
                    assertTrue(millis < 3_000, "readiness took " + millis + " ms while the database hung");
                    System.out.printf("readiness while the database hangs: 503 in %d ms%n", millis);
                }
            } finally {
                signal("CONT", postgres);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && (status = ready(service).statusCode()) != 200) {
                ServiceProcess.sleep(200);
            }
            assertEquals(200, status, "readiness did not come back once the database answered again");
        }
    }

    @Test
    void aDatabaseThatCannotComeBack_makesTheServiceExitNonZero() throws Exception {
        try (ServiceProcess service = ServiceProcess.startEmbedded("embedded-gone", URI.create("http://127.0.0.1:9"),
                Map.of())) {
            ProcessHandle postmaster = postmaster(service.dataDir());
            // PostgreSQL reads PG_VERSION only when it starts: every attempt to start it again now fails.
            Files.writeString(service.dataDir().resolve("postgres").resolve("PG_VERSION"), "9\n");
            postmaster.destroyForcibly();
            OptionalInt exit = service.awaitOwnExit(Duration.ofSeconds(120));
            assertTrue(exit.isPresent(), "the service kept running without its database:\n" + service.logText());
            assertNotEquals(0, exit.getAsInt(), "exit code 0 would not make systemd restart it");
            assertTrue(service.logText().contains("could not be started again"), service.logText());
        }
    }

    /** Creates distinct bills until told to stop; a 503 or a lost connection is tried again with the same key. */
    private static void createUntilStopped(Api ledger, String client, Map<String, String> acknowledged,
                                           Outage outage, AtomicBoolean stop) {
        for (int n = 0; n < 1_200 && !stop.get(); n++) {
            String invoice = "EMB-" + client + "-" + n;
            String body = Bills.body("EM" + client, 2000 + n / 12, 1 + n % 12, invoice);
            while (!stop.get()) {
                try {
                    HttpResponse<String> res = ledger.create(body, invoice);
                    if (res.statusCode() == 201) {
                        acknowledged.put(invoice, Bills.sha256(body));
                        outage.served();
                        break;
                    }
                    if (res.statusCode() != 503) {
                        throw new AssertionError("create " + invoice + " answered " + res.statusCode() + ": "
                                + res.body());
                    }
                    outage.refused();
                } catch (IOException e) {
                    outage.refused(); // the connection broke while the database was away: try again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ServiceProcess.sleep(50);
            }
        }
    }

    /** When, after the kill, creates were first refused, and when one was first acknowledged after that. */
    private record Outage(AtomicLong killedAt, AtomicLong firstFailure, AtomicLong servedAgain) {
        void refused() {
            if (killedAt.get() != 0) {
                firstFailure.compareAndSet(0, System.nanoTime());
            }
        }

        void served() {
            if (firstFailure.get() != 0) {
                servedAgain.compareAndSet(0, System.nanoTime());
            }
        }
    }

    private static void awaitAcknowledged(Map<String, String> acknowledged, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (acknowledged.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + acknowledged.size() + " of " + count
                    + " bills acknowledged within " + limit.toSeconds() + " s");
            ServiceProcess.sleep(20);
        }
    }

    private static void awaitSealed(Api admin) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode head = Bills.JSON.readTree(admin.get("/api/audit/head").body());
            if (head.get("pending").asLong() == 0) {
                return;
            }
            ServiceProcess.sleep(100);
        }
    }

    private static HttpResponse<String> ready(ServiceProcess service) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(service.uri().resolve("/observe/health/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The embedded server's postmaster, from the first line of its {@code postmaster.pid}. */
    private static ProcessHandle postmaster(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst()
                .trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster with pid " + pid));
    }

    /** The postmaster and every process it started (backends, checkpointer, WAL writer, …). */
    private static List<ProcessHandle> serverProcesses(Path dataDir) throws IOException {
        ProcessHandle postmaster = postmaster(dataDir);
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "kill -" + signal + " failed");
    }
}
