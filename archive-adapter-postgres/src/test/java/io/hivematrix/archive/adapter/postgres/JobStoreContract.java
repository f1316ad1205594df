package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do; run against the in-memory fake and against PostgreSQL. */
abstract class JobStoreContract {
    /** Microsecond times, as PostgreSQL keeps them. */
    protected static final Instant NOW = Instant.parse("2025-11-01T02:00:00.123456Z");
    protected static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);

    protected JobStore store;

    /** A store with no jobs in it. */
    protected abstract JobStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void createdJob_readsBackWithEveryField_andOutcomesInOrder() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 4, "user:alice@example.com",
                        NOW)
                .recordSuccess(account("620547"), "Acme Corp \"Ünïcode\"", "201 INV-620547-202510", 1, 201,
                        "620547-202510", NOW.plusMillis(1), NOW.plusMillis(250))
                .recordFailure(account("183729"), null, "Ledger answered 502 Bad Gateway", 4, 502,
                        NOW.plusMillis(2), NOW.plusSeconds(30))
                .recordSuccess(account("100001"), "Already Archived Ltd", null, 0, null, "100001-202510",
                        NOW.plusMillis(3), NOW.plusMillis(3))
                .recordFailure(account("100002"), "Timeout GmbH", "timed out after 30s", 3)
                .finish(NOW.plusSeconds(90));

        assertTrue(store.create(job));

        SnapshotJob read = store.find(job.id()).orElseThrow();
        assertEquals(job, read);
        assertEquals(JobStatus.PARTIAL, read.status());
        assertEquals(List.of("620547", "183729", "100001", "100002"),
                read.outcomes().stream().map(o -> o.account().value()).toList());
        assertEquals(new CompanyOutcome(account("183729"), null, false, "Ledger answered 502 Bad Gateway", 4, 502,
                null, NOW.plusMillis(2), NOW.plusSeconds(30)), read.outcomes().get(1));
        assertEquals(new CompanyOutcome(account("620547"), "Acme Corp \"Ünïcode\"", true, "201 INV-620547-202510", 1,
                201, "620547-202510", NOW.plusMillis(1), NOW.plusMillis(250)), read.outcomes().get(0));
        assertEquals(new CompanyOutcome(account("100001"), "Already Archived Ltd", true, null, 0, null,
                "100001-202510", NOW.plusMillis(3), NOW.plusMillis(3)), read.outcomes().get(2));
        assertEquals(new CompanyOutcome(account("100002"), "Timeout GmbH", false, "timed out after 30s", 3),
                read.outcomes().get(3));
        assertEquals(NOW.plusSeconds(90), read.completedAt());
    }

    @Test
    void aFailedJob_keepsItsError_andAJobWithoutOutcomesReadsBackByItsCounts() {
        SnapshotJob failed = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, new BillingPeriod(2000, 1), 0,
                "service:cli", NOW).fail("Codex is not configured (CODEX_URL unset)", NOW.plusMillis(5));
        SnapshotJob countsOnly = new SnapshotJob(UUID.randomUUID(), JobType.SCHEDULED, JobStatus.COMPLETED,
                new BillingPeriod(2100, 12), 3, 3, 3, 0, NOW, NOW.plusSeconds(1), "scheduler", List.of(), null);

        assertTrue(store.create(failed));
        assertTrue(store.create(countsOnly));

        assertEquals(failed, store.find(failed.id()).orElseThrow());
        assertEquals(countsOnly, store.find(countsOnly.id()).orElseThrow());
    }

    @Test
    void unknownJob_isNotFound() {
        assertTrue(store.find(UUID.randomUUID()).isEmpty());
    }

    @Test
    void progressUpdates_storeEachOutcomeAsItComes_thenTheFinish() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED, OCTOBER, 10, "scheduler", NOW);
        assertTrue(store.create(job));

        for (int i = 0; i < 10; i++) {
            job = i % 4 == 3
                    ? job.recordFailure(account("2000" + i), "Company " + i, "HTTP 500", 3)
                    : job.recordSuccess(account("2000" + i), "Company " + i, "HTTP 201", 1);
            store.update(job);

            SnapshotJob read = store.find(job.id()).orElseThrow();
            assertEquals(job, read, "after company " + i);
            assertEquals(i + 1, read.outcomes().size());
            assertEquals(JobStatus.RUNNING, read.status());
        }
        SnapshotJob finished = job.finish(NOW.plusSeconds(600));
        store.update(finished);

        SnapshotJob read = store.find(job.id()).orElseThrow();
        assertEquals(finished, read);
        assertEquals(JobStatus.PARTIAL, read.status());
        assertEquals(10, read.completedCompanies());
        assertEquals(8, read.successCount());
        assertEquals(2, read.failedCount());
        assertEquals(List.of(account("20003"), account("20007")), read.failedAccounts());
    }

    @Test
    void anUpdateThatFailsTheRun_storesTheErrorAndTheOutcomesSoFar() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.RETRY, OCTOBER, 5, "user:bob", NOW);
        store.create(job);
        job = job.recordSuccess(account("30001"), null, null, 1);
        store.update(job);

        SnapshotJob failed = job.recordFailure(account("30002"), null, "connection refused", 5)
                .fail("Core refused a service token", NOW.plusSeconds(3));
        store.update(failed);

        assertEquals(failed, store.find(job.id()).orElseThrow());
    }

    @Test
    void outcomesOnlyGrow_andUnknownJobsCannotBeUpdated() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 3, "user:carol", NOW);
        store.create(job);
        SnapshotJob one = job.recordSuccess(account("40001"), null, null, 1);
        SnapshotJob two = one.recordSuccess(account("40002"), null, null, 1);
        store.update(two);

        assertThrows(IllegalArgumentException.class, () -> store.update(one));
        assertEquals(two, store.find(job.id()).orElseThrow(), "a refused update changes nothing");

        SnapshotJob stranger = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 1, "user:carol", NOW);
        assertThrows(IllegalArgumentException.class, () -> store.update(stranger));
        assertTrue(store.find(stranger.id()).isEmpty());
    }

    @Test
    void progressUpdates_thatSayHowManyOutcomesAreStored_appendTheRest() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, OCTOBER, 5, "user:gina", NOW);
        assertTrue(store.create(job));
        int stored = 0;
        for (int i = 0; i < 5; i += 2) {
            // Two outcomes per write but the last: a write carries whatever was recorded since the one before.
            job = job.recordSuccess(account("4500" + i), "Company " + i, "HTTP 201", 1);
            if (i < 4) {
                job = job.recordFailure(account("4500" + (i + 1)), null, "HTTP 503", 3);
            }
            store.update(job, stored);
            stored = job.outcomes().size();
            assertEquals(job, store.find(job.id()).orElseThrow(), "after " + stored + " outcomes");
        }
        SnapshotJob finished = job.finish(NOW.plusSeconds(60));
        store.update(finished, stored);

        assertEquals(finished, store.find(job.id()).orElseThrow());
        assertEquals(List.of(account("45001"), account("45003")), finished.failedAccounts());
    }

    @Test
    void aCountBelowTheStoredOutcomes_isRefused_andChangesNothing() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 3, "user:hal", NOW);
        store.create(job);
        SnapshotJob one = job.recordSuccess(account("46001"), null, null, 1);
        store.update(one, 0);
        SnapshotJob two = one.recordSuccess(account("46002"), null, null, 1);

        assertThrows(RuntimeException.class, () -> store.update(two, 0), "the first outcome is stored already");
        assertEquals(one, store.find(job.id()).orElseThrow(), "a refused update changes nothing");
        assertThrows(IllegalArgumentException.class, () -> store.update(two, 3), "more than the job has");
        assertThrows(IllegalArgumentException.class, () -> store.update(two, -1));

        store.update(two, 1);
        assertEquals(two, store.find(job.id()).orElseThrow());
    }

    @Test
    void aRepeatedId_isRefused() {
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 1, "user:dave", NOW);
        assertTrue(store.create(job));
        assertThrows(RuntimeException.class, () -> store.create(job));
        assertEquals(1, store.list(100, 0).size());
    }

    @Test
    void list_isNewestFirst_tiesBrokenById_andPages() {
        List<SnapshotJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 2, "user:" + i,
                    NOW.plus(i * 7L % 5, ChronoUnit.HOURS)));
        }
        // Three at the very same time: only the id tells them apart.
        for (int i = 0; i < 3; i++) {
            jobs.add(SnapshotJob.start(UUID.randomUUID(), JobType.BULK, OCTOBER, 1, "user:same", NOW.plusSeconds(60)));
        }
        jobs.set(2, jobs.get(2).recordSuccess(account("50001"), "Listed Co", null, 1)
                .recordSuccess(account("50002"), null, null, 1).finish(NOW.plus(9, ChronoUnit.HOURS)));
        jobs.forEach(j -> assertTrue(store.create(j)));
        List<UUID> expected = jobs.stream()
                .sorted(Comparator.comparing(SnapshotJob::startedAt).reversed()
                        .thenComparing(j -> j.id().toString())) // PostgreSQL orders UUIDs by unsigned bytes
                .map(SnapshotJob::id).toList();

        assertEquals(expected, ids(store.list(100, 0)));
        List<UUID> paged = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            List<SnapshotJob> page = store.list(3, offset);
            assertTrue(page.size() <= 3);
            paged.addAll(ids(page));
        }
        assertEquals(expected, paged);
        assertEquals(expected.subList(5, 8), ids(store.list(10, 5)));
        assertEquals(List.of(), store.list(0, 0));
        assertEquals(List.of(), store.list(10, 8));
        assertThrows(IllegalArgumentException.class, () -> store.list(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> store.list(10, -1));

        // Lists may leave outcomes out, but every other field is the stored one.
        for (SnapshotJob listed : store.list(100, 0)) {
            assertEquals(withoutOutcomes(store.find(listed.id()).orElseThrow()), withoutOutcomes(listed));
        }
    }

    @Test
    void running_findsOnlyJobsStillRunning_withTheirOutcomes() {
        SnapshotJob stillRunning = SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED, OCTOBER, 3, "scheduler",
                NOW).recordSuccess(account("60001"), "Half Done", null, 1);
        SnapshotJob alsoRunning = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, OCTOBER, 1, "user:erin",
                NOW.plusSeconds(5));
        SnapshotJob completed = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, OCTOBER, 1, "user:erin", NOW)
                .recordSuccess(account("60002"), null, null, 1).finish(NOW.plusSeconds(1));
        SnapshotJob failed = SnapshotJob.start(UUID.randomUUID(), JobType.RETRY, OCTOBER, 1, "user:erin", NOW)
                .fail("no companies", NOW.plusSeconds(1));
        for (SnapshotJob j : List.of(stillRunning, alsoRunning, completed, failed)) {
            assertTrue(store.create(j));
        }

        List<SnapshotJob> running = store.running();
        assertEquals(Set.of(stillRunning.id(), alsoRunning.id()), Set.copyOf(ids(running)));
        SnapshotJob halfDone = running.stream().filter(j -> j.id().equals(stillRunning.id())).findFirst().orElseThrow();
        assertEquals(stillRunning, halfDone, "a job to resume comes with what it did so far");

        store.update(alsoRunning.recordSuccess(account("60003"), null, null, 1).finish(NOW.plusSeconds(6)));
        assertEquals(List.of(stillRunning.id()), ids(store.running()));
    }

    @Test
    void runningJobsWithoutRecentProgress_areFoundAsAbandoned() {
        SnapshotJob quiet = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, OCTOBER, 2, "user:frank", NOW);
        store.create(quiet);
        Instant justAfter = Instant.now().plusSeconds(60);
        assertEquals(List.of(quiet.id()), ids(store.runningWithoutProgressSince(justAfter)).stream()
                .filter(id -> id.equals(quiet.id())).toList());
        assertTrue(ids(store.runningWithoutProgressSince(Instant.now().minusSeconds(3_600))).isEmpty(),
                "progress within the hour");
        store.update(quiet.fail("stopped", NOW.plusSeconds(1)));
        assertTrue(ids(store.runningWithoutProgressSince(justAfter)).stream().noneMatch(id -> id.equals(quiet.id())),
                "a finished job is not abandoned");
    }

    @Test
    void onlyOneScheduledJobPerPeriod_whileOtherKindsMayRepeatIt() {
        SnapshotJob first = scheduled(OCTOBER);
        SnapshotJob second = scheduled(OCTOBER);

        assertTrue(store.create(first));
        assertFalse(store.create(second), "the period is taken by another scheduled job");

        assertTrue(store.find(second.id()).isEmpty(), "a refused job leaves nothing behind");
        assertTrue(store.create(scheduled(OCTOBER.next())));
        assertTrue(store.create(scheduled(OCTOBER.previous())));
        for (JobType type : List.of(JobType.MANUAL, JobType.MANUAL, JobType.BULK, JobType.RETRY)) {
            assertTrue(store.create(SnapshotJob.start(UUID.randomUUID(), type, OCTOBER, 1, "user:frank", NOW)),
                    type + " jobs may repeat a period");
        }
        SnapshotJob done = SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED, OCTOBER.next().next(), 1, "scheduler", NOW);
        store.create(done);
        store.update(done.recordSuccess(account("60009"), null, null, 1).finish(NOW.plusSeconds(1)));
        assertFalse(store.create(scheduled(OCTOBER.next().next())), "a finished scheduled job still holds its period");

        store.update(first.fail("Codex unreachable", NOW.plusSeconds(1)));
        assertTrue(store.create(scheduled(OCTOBER)), "a scheduled run that failed outright frees its period for a catch-up");
        assertEquals(9, store.list(100, 0).size());
    }

    @Test
    void racingScheduledJobsForOnePeriod_exactlyOneIsCreated() throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                SnapshotJob job = scheduled(OCTOBER).recordSuccess(account("7000" + i), null, null, 1);
                Callable<Boolean> create = () -> {
                    start.await();
                    return store.create(job);
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        List<SnapshotJob> stored = store.list(100, 0);
        assertEquals(1, stored.size());
        assertEquals(1, store.find(stored.getFirst().id()).orElseThrow().outcomes().size());
    }

    protected static SnapshotJob scheduled(BillingPeriod period) {
        return SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED, period, 3, "scheduler", NOW);
    }

    protected static AccountNumber account(String value) {
        return new AccountNumber(value);
    }

    private static List<UUID> ids(List<SnapshotJob> jobs) {
        return jobs.stream().map(SnapshotJob::id).collect(Collectors.toList());
    }

    private static SnapshotJob withoutOutcomes(SnapshotJob j) {
        return new SnapshotJob(j.id(), j.type(), j.status(), j.target(), j.totalCompanies(), j.completedCompanies(),
                j.successCount(), j.failedCount(), j.startedAt(), j.completedAt(), j.triggeredBy(), List.of(),
                j.error());
    }
}
