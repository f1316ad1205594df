package io.hivematrix.archive.application.service;

import io.hivematrix.archive.testkit.FakeCompanyDirectory;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.testkit.InMemoryScheduleStore;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;

/** What every monthly-run test starts from: empty in-memory stores, a company directory, and a pool for the run. */
abstract class RunFakes {
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final InMemoryJobStore jobs = new InMemoryJobStore();
    final InMemoryScheduleStore schedule = new InMemoryScheduleStore();
    final FakeCompanyDirectory codex = new FakeCompanyDirectory();
    final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopTheRunsPool() {
        background.shutdownNow();
    }
}
