package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database, no load balancer: clients alternate between them.
 * Racing creates of one invoice, or of one company and month, store exactly one snapshot; the clustered
 * schedule fires a month's run on exactly one instance, which bills every company once; killing one
 * instance under load loses nothing it acknowledged while the other keeps serving.
 */
class TwoInstancesIT {
    private static final int COMPANIES = 12;
    private static ControlledPostgres postgres;
    private static FakeCoreServer core;
    private static FakeCodexServer codex;
    private static FakeLedgerServer ledger;
    private static List<ServiceProcess> instances;

    @BeforeAll
    static void start() {
        postgres = ControlledPostgres.start();
        core = new FakeCoreServer();
        codex = new FakeCodexServer(FakeCodexServer.numbered("N%02d", "Neighbour %02d", 1, COMPANIES));
        ledger = new FakeLedgerServer();
        Map<String, String> settings = Map.of("CODEX_URL", codex.uri().toString(),
                "LEDGER_URL", ledger.uri().toString());
        // One after the other: the first applies the migrations.
        instances = List.of(ServiceProcess.start("one", postgres.jdbcUrl(), core.uri(), settings),
                ServiceProcess.start("two", postgres.jdbcUrl(), core.uri(), settings));
    }

    @AfterAll
    static void stop() {
        instances.forEach(ServiceProcess::close);
        ledger.close();
        codex.close();
        core.close();
        postgres.close();
    }

    @Test
    void fiftyCreatesOfOneInvoice_storeOneSnapshot() throws Exception {
        String body = Bills.body("RACE1", 2025, 3, "RACE-ONE-INVOICE");
        Map<Integer, Integer> statuses = race(50, i -> body);
        assertEquals(Map.of(201, 1, 409, 49), statuses, "one creates, the rest learn it exists");
        assertEquals(1, rows("SELECT count(*) FROM billing_snapshots WHERE invoice_number = 'RACE-ONE-INVOICE'"));
        System.out.printf("two instances, one invoice, 50 racing creates: %s%n", statuses);
    }

    @Test
    void racingInvoicesForOneCompanyAndMonth_storeOneSnapshot() throws Exception {
        Map<Integer, Integer> statuses = race(30, i -> Bills.body("RACE2", 2025, 4, "RACE-PERIOD-" + i));
        assertEquals(Map.of(201, 1, 409, 29), statuses, "one company and month is archived once");
        assertEquals(1, rows("SELECT count(*) FROM billing_snapshots WHERE company_account_number = 'RACE2'"));
        System.out.printf("two instances, one company and month, 30 racing invoices: %s%n", statuses);
    }

    @Test
    void theScheduledRun_firesOnOneInstance_andBillsEveryCompanyOnce() throws Exception {
        // Bring the clustered trigger's next fire to now: both instances' Quartz see it within their idle wait.
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", null);
             PreparedStatement st = db.prepareStatement(
                     "UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = 'monthly-snapshots'")) {
            st.setLong(1, System.currentTimeMillis() + 1_000);
            assertEquals(1, st.executeUpdate(), "the monthly trigger is in the shared job store");
        }
        Api admin = new Api(instances.get(0).uri(), core.user("admin"));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode jobs = null;
        while (System.nanoTime() < deadline) {
            jobs = Bills.JSON.readTree(admin.get("/api/scheduler/jobs").body());
            if (scheduledJobs(jobs).stream().anyMatch(j -> !"running".equals(j.get("status").asText()))) {
                break;
            }
            ServiceProcess.sleep(500);
        }
        List<JsonNode> scheduled = scheduledJobs(jobs);
        assertEquals(1, scheduled.size(), "one scheduled job: " + jobs);
        assertEquals("completed", scheduled.getFirst().get("status").asText(), scheduled.getFirst().toString());
        ServiceProcess.sleep(2_000); // a second fire on the other instance would have started by now
        assertEquals(1, scheduledJobs(Bills.JSON.readTree(admin.get("/api/scheduler/jobs").body())).size());
        List<String> billed = ledger.billed();
        assertEquals(COMPANIES, billed.size(), "each company billed once: " + billed);
        assertEquals(COMPANIES, new HashSet<>(billed).size(), "no company billed twice: " + billed);
        System.out.printf("two instances, one scheduled fire: 1 job, %d companies billed once each%n", billed.size());
    }

    @Test
    void oneInstanceKilledUnderLoad_theOtherKeepsServing_andNothingAcknowledgedIsLost() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger servedByTwoWhileOneWasDown = new AtomicInteger();
        AtomicBoolean oneDown = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int n = 0; !stop.get() && n < 1_200; n++) {
                        int instance = (client + n) % 2; // alternate, no load balancer
                        String invoice = "KILL1-" + client + "-" + n;
                        String body = Bills.body("K" + client, 2000 + n / 12, 1 + n % 12, invoice);
                        try {
                            HttpResponse<String> res = new Api(instances.get(instance).uri(), core.service("ledger"))
                                    .post("/api/snapshot", body);
                            if (res.statusCode() == 201) {
                                acknowledged.put(invoice, Bills.sha256(body));
                                if (instance == 1 && oneDown.get()) {
                                    servedByTwoWhileOneWasDown.incrementAndGet();
                                }
                            } else {
                                unexpected.add(res.statusCode() + " " + invoice + ": " + res.body());
                            }
                        } catch (IOException e) {
                            if (instance == 1 || !oneDown.get()) {
                                unexpected.add("no answer from instance " + (instance + 1) + ": " + e);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            while (acknowledged.size() < 100) {
                ServiceProcess.sleep(20);
            }
            oneDown.set(true);
            instances.get(0).kill();
            int atKill = acknowledged.size();
            while (acknowledged.size() < atKill + 100) {
                ServiceProcess.sleep(20);
            }
            instances.get(0).restart();
            oneDown.set(false);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
        }
        assertEquals(List.of(), unexpected, "failures other than the killed instance's");
        assertTrue(servedByTwoWhileOneWasDown.get() > 0, "instance two served nothing while one was down");
        for (ServiceProcess instance : instances) {
            Api admin = new Api(instance.uri(), core.user("admin"));
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                HttpResponse<String> res = admin.get("/api/snapshot/" + e.getKey());
                assertEquals(200, res.statusCode(), e.getKey());
                assertEquals(e.getValue(), Bills.JSON.readTree(res.body()).get("content_sha256").asText(), e.getKey());
            }
        }
        assertEquals(0, rows("""
                SELECT count(*) FROM billing_snapshots s
                 WHERE (SELECT count(*) FROM snapshot_line_items i WHERE i.snapshot_id = s.id) <> %d
                """.formatted(Bills.lineItems())), "a snapshot without all its line items");
        System.out.printf("two instances, one killed under load: %d acknowledged (%d by instance two while one "
                + "was down), all read back from both%n", acknowledged.size(), servedByTwoWhileOneWasDown.get());
    }

    private static List<JsonNode> scheduledJobs(JsonNode jobs) {
        List<JsonNode> found = new ArrayList<>();
        JsonNode list = jobs.isArray() ? jobs : jobs.path("jobs");
        list.forEach(j -> {
            if ("scheduled".equals(j.path("job_type").asText(j.path("type").asText()))) {
                found.add(j);
            }
        });
        return found;
    }

    private interface Bodies {
        String body(int i);
    }

    /** {@code n} creates released at once, alternating between the two instances; statuses counted. */
    private static Map<Integer, Integer> race(int n, Bodies bodies) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Api ledger = new Api(instances.get(i % 2).uri(), core.service("ledger"));
                String body = bodies.body(i);
                Callable<Integer> create = () -> {
                    go.await();
                    return ledger.post("/api/snapshot", body).statusCode();
                };
                answers.add(racers.submit(create));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> a : answers) {
                statuses.merge(a.get(), 1, Integer::sum);
            }
            return statuses;
        }
    }

    private static long rows(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", null);
             Statement st = db.createStatement()) {
            return CrashIT.single(st, sql);
        }
    }
}
