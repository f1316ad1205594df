package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts under load: while it is down every request fails cleanly (a 503 problem within the
 * pool's timeout, never a hang or a 500) and /health says 503; once it is back the service recovers by
 * itself, and a create that got a 503 is safely retried with its Idempotency-Key.
 */
class DatabaseRestartIT {
    /** The pool waits 5 s for a connection; a request may also be mid-statement when the server goes. */
    private static final Duration CLEAN_FAILURE_WITHIN = Duration.ofSeconds(12);

    @Test
    void requestsFailWith503WhileTheDatabaseIsDown_andTheServiceRecoversWithoutARestart() throws Exception {
        try (ControlledPostgres postgres = ControlledPostgres.start();
             FakeCoreServer core = new FakeCoreServer();
             ServiceProcess service = ServiceProcess.start("db-restart", postgres.jdbcUrl(), core.uri(), Map.of());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Api ledger = new Api(service.uri(), core.service("ledger"));
            Api reader = new Api(service.uri(), core.user("billing"));
            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<String, String> created = new ConcurrentHashMap<>();   // invoice -> body, got 201
            Map<String, String> refused = new ConcurrentHashMap<>();   // invoice -> body, got 503
            List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                load.add(clients.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String invoice = "DBR-" + client + "-" + n;
                        // A new account every 1,200 bills: periods run out at 2100.
                        String body = Bills.body("DB" + client + "-" + n / 1_200, 2000 + n % 1_200 / 12, 1 + n % 12,
                                invoice);
                        call(statuses, problems, () -> ledger.create(body, invoice), res -> {
                            if (res.statusCode() == 201) {
                                created.put(invoice, body);
                            } else if (res.statusCode() == 503) {
                                refused.put(invoice, body);
                            }
                        });
                        call(statuses, problems, () -> reader.get("/api/snapshots/search?account_number=DB" + client + "-0"),
                                res -> { });
                        ServiceProcess.sleep(20);
                    }
                }));
            }
            awaitCount(created, 40);

            int rounds = Soak.rounds();
            int refusedWhileDown = 0;
            for (int round = 0; round < rounds; round++) {
                postgres.down();
                ServiceProcess.sleep(500);
                HttpResponse<String> health = timed(problems, () -> reader.get("/health"));
                assertEquals(503, health.statusCode(), "health while the database is down: " + health.body());
                ServiceProcess.sleep(6_000); // long enough for requests to wait out the pool's timeout
                refusedWhileDown = refused.size();
                postgres.up();

                // Recovery without a restart: creates succeed again.
                int before = created.size();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (created.size() < before + 20 && System.nanoTime() < deadline) {
                    ServiceProcess.sleep(100);
                }
                assertTrue(created.size() >= before + 20, "the service did not recover: " + statuses);
            }
            stop.set(true);
            for (Future<?> f : load) {
                f.get();
            }
            assertEquals(200, reader.get("/health").statusCode());
            assertEquals(List.of(), problems, "requests that failed uncleanly");
            assertTrue(statuses.keySet().stream().allMatch(s -> s < 500 || s == 503), "statuses seen: " + statuses);
            assertTrue(refusedWhileDown > 0, "no request was refused while the database was down: " + statuses);

            // Nothing that got a 201 was lost; a create that got a 503 is retried safely with its key.
            Api admin = new Api(service.uri(), core.user("admin"));
            for (String invoice : created.keySet()) {
                assertEquals(200, admin.get("/api/snapshot/" + invoice).statusCode(), invoice);
            }
            for (Map.Entry<String, String> e : refused.entrySet()) {
                if (created.containsKey(e.getKey())) {
                    continue;
                }
                HttpResponse<String> retry = ledger.create(e.getValue(), e.getKey());
                assertEquals(201, retry.statusCode(), () -> "retrying " + e.getKey() + ": " + retry.body());
            }
            System.out.printf("database restart: %d restart(s), statuses %s, %d created, %d refused with 503 and "
                    + "retried, health 503 while down%n", rounds, statuses, created.size(), refused.size());
        }
    }

    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private interface Check {
        void accept(HttpResponse<String> res);
    }

    /** Sends, records the status, and notes a request that hung, broke the connection or answered 5xx != 503. */
    private static void call(Map<Integer, Integer> statuses, List<String> problems, Call call, Check check) {
        HttpResponse<String> res = timed(problems, call);
        if (res == null) {
            return;
        }
        synchronized (statuses) {
            statuses.merge(res.statusCode(), 1, Integer::sum);
        }
        if (res.statusCode() >= 500 && res.statusCode() != 503) {
            problems.add(res.statusCode() + " " + res.uri() + ": " + res.body());
        }
        if (res.statusCode() == 503 && !res.headers().firstValue("Retry-After").isPresent()) {
            problems.add("503 without Retry-After: " + res.uri());
        }
        check.accept(res);
    }

    private static HttpResponse<String> timed(List<String> problems, Call call) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> res = call.send();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(CLEAN_FAILURE_WITHIN) > 0) {
                problems.add("answered only after " + took.toMillis() + " ms: " + res.uri());
            }
            return res;
        } catch (IOException e) {
            problems.add("no answer: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitCount(Map<String, String> map, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (map.size() < atLeast && System.nanoTime() < deadline) {
            ServiceProcess.sleep(50);
        }
        assertTrue(map.size() >= atLeast, "only " + map.size() + " created before the restart");
    }
}
