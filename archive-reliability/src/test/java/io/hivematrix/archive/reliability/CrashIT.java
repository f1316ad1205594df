package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL while 8 clients create snapshots: after a restart every snapshot that got a 201 is there and
 * complete (all line items, the hash of the body that was sent), and no snapshot exists partially.
 */
class CrashIT {
    private static final int CLIENTS = 8;

    @Test
    void aKilledService_losesNothingItAcknowledged_andLeavesNothingHalfWritten() throws Exception {
        try (ControlledPostgres postgres = ControlledPostgres.start();
             FakeCoreServer core = new FakeCoreServer();
             ServiceProcess service = ServiceProcess.start("crash", postgres.jdbcUrl(), core.uri(), Map.of());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Api ledger = new Api(service.uri(), core.service("ledger"));
            Map<String, String> acknowledged = new ConcurrentHashMap<>(); // invoice -> SHA-256 of the body sent
            AtomicInteger attempted = new AtomicInteger();
            int rounds = Soak.rounds();
            for (int round = 0; round < rounds; round++) {
                List<Future<?>> running = new ArrayList<>();
                int target = acknowledged.size() + 150;
                for (int c = 0; c < CLIENTS; c++) {
                    String client = round + "-" + c;
                    running.add(clients.submit(() -> createUntilRefused(ledger, client, acknowledged, attempted)));
                }
                // Kill in the middle of the stream, once every client has had time to get going.
                while (acknowledged.size() < target) {
                    ServiceProcess.sleep(20);
                }
                service.kill();
                for (Future<?> f : running) {
                    f.get();
                }
                service.restart();
            }
            int acked = acknowledged.size();

            Api admin = new Api(service.uri(), core.user("admin"));
            Bills.assertArchivedAsSent(admin, acknowledged);
            long stored;
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", null);
                 Statement st = db.createStatement()) {
                stored = single(st, "SELECT count(*) FROM billing_snapshots");
                assertEquals(0, single(st, """
                        SELECT count(*) FROM billing_snapshots s
                         WHERE (SELECT count(*) FROM snapshot_line_items i WHERE i.snapshot_id = s.id) <> %d
                        """.formatted(Bills.lineItems())), "a snapshot without all its line items");
            }
            // At most the requests in flight at each kill were stored without their 201 reaching the client.
            assertTrue(stored >= acked && stored <= acked + (long) CLIENTS * rounds,
                    "stored " + stored + ", acknowledged " + acked);
            HttpResponse<String> verify = admin.get("/api/audit/verify");
            assertEquals(200, verify.statusCode(), verify.body());
            assertTrue(Bills.JSON.readTree(verify.body()).get("ok").asBoolean(), verify.body());
            System.out.printf("crash: %d SIGKILL(s), %d creates tried, %d acknowledged, %d stored, all %d verified%n",
                    rounds, attempted.get(), acked, stored, acked);
        }
    }

    /** Creates distinct bills until the service stops answering; records each 201. */
    private static void createUntilRefused(Api ledger, String client, Map<String, String> acknowledged,
                                           AtomicInteger attempted) {
        for (int n = 0; ; n++) {
            String invoice = "CRASH-" + client + "-" + n;
            String body = Bills.body("CR" + client, 2000 + n / 12, 1 + n % 12, invoice);
            if (n >= 1_200) {
                return; // every period of 2000-2099 used: enough for one round
            }
            attempted.incrementAndGet();
            try {
                HttpResponse<String> res = ledger.post("/api/snapshot", body);
                if (res.statusCode() != 201) {
                    throw new AssertionError("create " + invoice + " answered " + res.statusCode() + ": " + res.body());
                }
                acknowledged.put(invoice, Bills.sha256(body));
            } catch (IOException e) {
                return; // the service is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
