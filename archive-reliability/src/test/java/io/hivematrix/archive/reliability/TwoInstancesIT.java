package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database, no load balancer: clients alternate between them.
 * Racing creates of one invoice, or of one company and month, store exactly one snapshot; the clustered
 * schedule fires a month's run on exactly one instance, which bills every company once.
 */
class TwoInstancesIT {
    private static final int COMPANIES = 12;
    private static ControlledPostgres postgres;
    private static FakeCore core;
    private static FakeNeighbours neighbours;
    private static List<ServiceProcess> instances;

    @BeforeAll
    static void start() {
        postgres = ControlledPostgres.start();
        core = FakeCore.start();
        neighbours = FakeNeighbours.start(COMPANIES);
        Map<String, String> settings = Map.of("CODEX_URL", neighbours.uri().toString(),
                "LEDGER_URL", neighbours.uri().toString());
        // One after the other: the first applies the migrations.
        instances = List.of(ServiceProcess.start("one", postgres.jdbcUrl(), core.uri(), settings),
                ServiceProcess.start("two", postgres.jdbcUrl(), core.uri(), settings));
    }

    @AfterAll
    static void stop() {
        instances.forEach(ServiceProcess::close);
        neighbours.close();
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
        List<String> billed = neighbours.billed();
        assertEquals(COMPANIES, billed.size(), "each company billed once: " + billed);
        assertEquals(COMPANIES, new HashSet<>(billed).size(), "no company billed twice: " + billed);
        System.out.printf("two instances, one scheduled fire: 1 job, %d companies billed once each%n", billed.size());
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
