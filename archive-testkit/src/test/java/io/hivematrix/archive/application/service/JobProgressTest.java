package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A running job's writes: what reaches the store, how often, and what the store is told it already has. */
class JobProgressTest {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");
    private static final String WRITE = "write";

    /** The real in-memory store, with each update written down as "count" or "lookup" (the one-argument form). */
    private static final class RecordingJobs extends DelegatingJobStore {
        final InMemoryJobStore store;
        final List<String> updates = new ArrayList<>();
        boolean failNext;

        RecordingJobs() {
            this(new InMemoryJobStore());
        }

        private RecordingJobs(InMemoryJobStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public void update(SnapshotJob job) {
            fail();
            updates.add("lookup:" + job.outcomes().size());
            store.update(job);
        }

        @Override
        public void update(SnapshotJob job, int storedOutcomes) {
            fail();
            updates.add("count " + storedOutcomes + ":" + job.outcomes().size());
            store.update(job, storedOutcomes);
        }

        private void fail() {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("connection lost");
            }
        }
    }

    private final RecordingJobs jobs = new RecordingJobs();
    private final SnapshotJob created = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, new BillingPeriod(2025, 10),
            3, "admin@example.com", NOW);

    private JobProgress progress() {
        jobs.create(created);
        return new JobProgress(jobs, created);
    }

    /** A fresh progress through {@code steps}: {@link #WRITE} writes, any other step records that account's success. */
    private void play(String... steps) {
        JobProgress progress = progress();
        for (String step : steps) {
            if (step.equals(WRITE)) {
                progress.write();
            } else {
                progress.change(j -> success(j, step));
            }
        }
    }

    private static SnapshotJob success(SnapshotJob job, String account) {
        return job.recordSuccess(new AccountNumber(account), "Company " + account, "archived", 1);
    }

    @Test
    void changesApplyInMemoryAtOnce_andReachTheStoreOnWrite() {
        JobProgress progress = progress();
        progress.change(j -> success(j, "A1"));
        assertEquals(1, progress.job().successCount());
        assertEquals(0, jobs.find(created.id()).orElseThrow().successCount(), "not stored before the write");

        progress.write();
        assertEquals(progress.job(), jobs.find(created.id()).orElseThrow());
    }

    @Test
    void oneWrite_carriesEveryChangeSinceTheLast_andTellsTheStoreWhatItHas() {
        play("A1", "B2", WRITE, "C3", WRITE);
        assertEquals(List.of("count 0:2", "count 2:3"), jobs.updates);
        assertEquals(3, jobs.find(created.id()).orElseThrow().successCount());
    }

    @Test
    void aWriteWithNothingNew_doesNotReachTheStore() {
        play(WRITE, "A1", WRITE, WRITE);
        assertEquals(List.of("count 0:1"), jobs.updates);
    }

    @Test
    void afterAFailedWrite_theNextOneLetsTheStoreCount_andThenCountsAgain() {
        JobProgress progress = progress();
        progress.change(j -> success(j, "A1"));
        jobs.failNext = true;
        assertThrows(IllegalStateException.class, progress::write);
        progress.write();
        progress.change(j -> success(j, "B2"));
        progress.write();
        assertEquals(List.of("lookup:1", "count 1:2"), jobs.updates);
        assertEquals(2, jobs.find(created.id()).orElseThrow().successCount());
    }

    @Test
    void theJobStartsAsCreated() {
        assertSame(created, progress().job());
    }
}
