package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.FakeCompanyDirectory;
import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two Archive instances on one database fire the same scheduled month at once: one job, one call per company. */
class TwoInstancesOneScheduledJobIT {
    private static final Instant FIRE = Instant.parse("2025-11-01T02:00:00Z");

    @Test
    void bothInstancesFiring_produceOneScheduledJob_andEachCompanyIsAskedOnce() throws Exception {
        DatabaseSettings settings = TestPostgres.newDatabase(TwoInstancesOneScheduledJobIT.class);
        FakeCompanyDirectory codex = new FakeCompanyDirectory();
        for (int i = 0; i < 40; i++) {
            codex.add("T" + i, "Company " + i);
        }
        try (PostgresDatabase one = PostgresDatabase.connect(settings);
             PostgresDatabase two = PostgresDatabase.connect(settings);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            one.migrate();
            Clock clock = Clock.fixed(FIRE, ZoneOffset.UTC);
            FakeLedger ledger = new FakeLedger((account, period) -> one.snapshotStore().save(
                    SampleSnapshots.bill(account.value(), period.year(), period.month()), ReceivedBody.of("{}"),
                            FIRE, null), 5);
            List<RunSnapshotsService> instances = List.of(
                    Wiring.runs(one, codex, ledger, 4, clock, background),
                    Wiring.runs(two, codex, ledger, 4, clock, background));

            CountDownLatch go = new CountDownLatch(1);
            List<SnapshotJob> results = new ArrayList<>();
            try (ExecutorService racers = Executors.newFixedThreadPool(2)) {
                List<Future<SnapshotJob>> futures = new ArrayList<>();
                for (RunSnapshotsService instance : instances) {
                    Callable<SnapshotJob> fire = () -> {
                        go.await();
                        return instance.runScheduled(FIRE);
                    };
                    futures.add(racers.submit(fire));
                }
                go.countDown();
                for (Future<SnapshotJob> f : futures) {
                    results.add(f.get());
                }
            }

            List<SnapshotJob> stored = one.jobStore().list(10, 0);
            assertEquals(1, stored.size(), "one scheduled job for the month");
            assertEquals(JobType.SCHEDULED, stored.getFirst().type());
            assertEquals(JobStatus.COMPLETED, stored.getFirst().status());
            assertEquals(40, stored.getFirst().successCount());
            assertEquals(40, ledger.calls().size(), "no company was asked twice");
            assertEquals(40, new HashSet<>(ledger.calls()).size());
            assertEquals(1, results.stream().filter(j -> j.status() == JobStatus.COMPLETED).count());
        }
    }
}
