package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.RunSnapshots.Plan;
import io.hivematrix.archive.application.port.in.RunSnapshots.RunRequest;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The monthly run over fakes: who gets called, how often, how many at once, and what the job says. */
class RunSnapshotsServiceTest extends RunFakes {
    private static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-01T02:00:00Z"), ZoneOffset.UTC);
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private RunSnapshotsService service(FakeLedger ledger, int concurrency) {
        return service(ledger, concurrency, snapshots, jobs);
    }

    private RunSnapshotsService service(FakeLedger ledger, int concurrency, SnapshotStore store, JobStore jobStore) {
        return new RunSnapshotsService(codex, ledger, store, jobStore, schedule, CLOCK,
                new RunSettings(ZoneId.of("UTC"), concurrency, FAST), background);
    }

    /** A Ledger that archives like the real one: it posts the bill back to the archive. */
    private FakeLedger archivingLedger(long callMillis) {
        return new FakeLedger((account, period) -> snapshots.save(
                SampleSnapshots.bill(account.value(), period.year(), period.month()), ReceivedBody.of("{}"),
                        CLOCK.instant(), null), callMillis);
    }

    /** Codex lists Alpha (A1) and Beta (B2); A1's October bill is archived already. */
    private FakeLedger alphaArchived_betaNot() {
        codex.add("A1", "Alpha").add("B2", "Beta");
        snapshots.save(SampleSnapshots.bill("A1", 2025, 10), ReceivedBody.of("{}"), CLOCK.instant(), null);
        return archivingLedger(0);
    }

    private static RunRequest all(JobType type) {
        return new RunRequest(type, OCTOBER, null, "admin@example.com", "monthly");
    }

    @Test
    void everyCompanyIsArchived_andTheJobCompletes() {
        codex.add("A1", "Alpha").add("B2", "Beta").add("C3", "Gamma");
        FakeLedger ledger = archivingLedger(0);

        SnapshotJob job = service(ledger, 8).run(all(JobType.MANUAL));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(3, job.successCount());
        assertEquals(3, snapshots.size());
        assertEquals(job, jobs.find(job.id()).orElseThrow());
        assertEquals("completed", schedule.load(ZoneId.of("UTC")).lastRunStatus());
    }

    @Test
    void stopAsking_letsCallsInFlightFinish_asksNoOneElse_andRecordsTheRestForARetry() throws Exception {
        for (int i = 0; i < 10; i++) {
            codex.add(String.format("A%02d", i), "Company " + i);
        }
        java.util.concurrent.CountDownLatch firstCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeLedger ledger = new FakeLedger((account, period) -> {
            firstCall.countDown();
            try {
                release.await(); // Ledger is still answering the first two calls when shutdown begins
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            snapshots.save(SampleSnapshots.bill(account.value(), period.year(), period.month()),
                    ReceivedBody.of("{}"), CLOCK.instant(), null);
        }, 0);
        RunSnapshotsService runs = service(ledger, 2);
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> runs.run(all(JobType.MANUAL)), background);
        firstCall.await();
        Thread.sleep(50); // both slots taken
        runs.stopAsking();
        release.countDown();
        SnapshotJob job = running.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(2, ledger.calls().size(), "the two calls in flight, nobody else");
        assertEquals(2, job.successCount());
        assertEquals(8, job.failedCount());
        assertEquals(JobStatus.PARTIAL, job.status());
        assertTrue(job.outcomes().stream().filter(o -> !o.success())
                .allMatch(o -> o.detail().contains("shutting down") && o.attempts() == 0), job.outcomes()::toString);
        assertEquals(job, jobs.find(job.id()).orElseThrow(), "the stored job says the same");
    }

    @Test
    void stopAsking_beforeARunBegins_asksNobody() {
        codex.add("A1", "Alpha");
        FakeLedger ledger = new FakeLedger(null, 0).script("A1",
                new AcceptOutcome.Failed(503, "busy", true), new AcceptOutcome.Failed(503, "busy", true));
        RunSnapshotsService runs = service(ledger, 1);
        runs.stopAsking();
        SnapshotJob job = runs.run(all(JobType.MANUAL));
        assertEquals(0, ledger.calls().size(), "stopped before the run began: nobody is asked");
        assertEquals(1, job.failedCount());
    }

    @Test
    void alreadyArchivedCompanies_causeNoLedgerCall() {
        FakeLedger ledger = alphaArchived_betaNot();

        SnapshotJob job = service(ledger, 8).run(all(JobType.MANUAL));

        assertEquals(List.of(new AccountNumber("B2")), ledger.calls());
        assertEquals(2, job.successCount());
        assertEquals(0, job.outcomes().stream().filter(o -> o.account().value().equals("A1")).findFirst()
                .orElseThrow().attempts());
    }

    @Test
    void theConcurrencyLimitIsNeverExceeded_andAThousandCompaniesComplete() {
        for (int i = 0; i < 1_000; i++) {
            codex.add("C" + i, "Company " + i);
        }
        FakeLedger ledger = archivingLedger(2);

        SnapshotJob job = service(ledger, 8).run(all(JobType.BULK));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(1_000, job.successCount());
        assertTrue(ledger.maxConcurrentCalls() <= 8, "at most 8 calls at once, saw " + ledger.maxConcurrentCalls());
        assertTrue(ledger.maxConcurrentCalls() > 1, "calls do overlap");
    }

    @Test
    void transientFailuresAreRetried_409CountsAsSuccess_andPermanentOnesAreNot() {
        codex.add("FLAKY", "Flaky").add("DUP", "Dup").add("BAD", "Bad").add("DOWN", "Down");
        FakeLedger ledger = archivingLedger(0)
                .script("FLAKY", new AcceptOutcome.Failed(500, "boom", true), new AcceptOutcome.Failed(0, "timeout", true))
                .script("DUP", new AcceptOutcome.AlreadyArchived(409))
                .script("BAD", new AcceptOutcome.Failed(400, "no such company", false))
                .script("DOWN", new AcceptOutcome.Failed(503, "a", true), new AcceptOutcome.Failed(503, "b", true),
                        new AcceptOutcome.Failed(503, "c", true));

        SnapshotJob job = service(ledger, 4).run(all(JobType.MANUAL));

        assertEquals(JobStatus.PARTIAL, job.status());
        assertEquals(2, job.successCount());
        assertEquals(List.of(new AccountNumber("BAD"), new AccountNumber("DOWN")),
                job.failedAccounts().stream().sorted(java.util.Comparator.comparing(AccountNumber::value)).toList());
        assertEquals(3, attempts(job, "FLAKY"));
        assertEquals(1, attempts(job, "BAD"));
        assertEquals(3, attempts(job, "DOWN"), "bounded by the retry policy");
    }

    @Test
    void aPartialJob_isRetriedForItsFailuresOnly_andThenCompletes() throws Exception {
        codex.add("OK", "Ok").add("LATE", "Late");
        FakeLedger ledger = archivingLedger(0).script("LATE", new AcceptOutcome.Failed(500, "a", true),
                new AcceptOutcome.Failed(500, "b", true), new AcceptOutcome.Failed(500, "c", true));
        RunSnapshotsService service = service(ledger, 4);
        SnapshotJob first = service.run(all(JobType.MANUAL));
        assertEquals(JobStatus.PARTIAL, first.status());

        SnapshotJob retry = service.retry(first.id(), "admin@example.com").orElseThrow();
        SnapshotJob done = awaitFinished(retry);

        assertEquals(JobType.RETRY, done.type());
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(1, done.totalCompanies());
        assertEquals(new AccountNumber("LATE"), ledger.calls().getLast());
    }

    @Test
    void codexDown_failsTheJobWithTheReason_andCallsNoOne() {
        codex.makeUnavailable("Codex is not configured (CODEX_URL)");
        FakeLedger ledger = archivingLedger(0);

        SnapshotJob job = service(ledger, 4).run(all(JobType.SCHEDULED));

        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Codex is not configured (CODEX_URL)", job.error());
        assertTrue(ledger.calls().isEmpty());
        assertEquals(job, jobs.find(job.id()).orElseThrow());
    }

    @Test
    void codexDownForARunOverNamedAccounts_failsEachUnbilled_andTheRetryRunsThoseAccountsOnly() throws Exception {
        codex.add("A1", "Alpha").add("B2", "Beta").add("C3", "Gamma");
        codex.makeUnavailable("Codex answered HTTP 500 to GET /api/companies/A1");
        FakeLedger ledger = archivingLedger(0);
        RunSnapshotsService service = service(ledger, 4);

        SnapshotJob job = service.run(new RunRequest(JobType.BULK, OCTOBER,
                List.of(new AccountNumber("A1"), new AccountNumber("B2")), "admin", null));

        assertEquals(JobStatus.FAILED, job.status());
        assertEquals(List.of(new AccountNumber("A1"), new AccountNumber("B2")), job.failedAccounts());
        assertTrue(job.outcomes().stream().allMatch(o -> o.detail()
                .equals("not run: Codex answered HTTP 500 to GET /api/companies/A1") && o.attempts() == 0));
        assertTrue(ledger.calls().isEmpty());

        codex.makeAvailable();
        SnapshotJob retry = awaitFinished(service.retry(job.id(), "admin").orElseThrow());

        assertEquals(JobStatus.COMPLETED, retry.status());
        assertEquals(2, retry.totalCompanies(), "the accounts named, not every company of the period");
        assertEquals(List.of("A1", "B2"), ledger.calls().stream().map(AccountNumber::value).sorted().toList());
    }

    @Test
    void specificAccounts_unknownToCodex_fail_whileTheOthersRun() {
        codex.add("A1", "Alpha");
        SnapshotJob job = service(archivingLedger(0), 4).run(new RunRequest(JobType.MANUAL, OCTOBER,
                List.of(new AccountNumber("A1"), new AccountNumber("GHOST")), "cli", null));
        assertEquals(JobStatus.PARTIAL, job.status());
        assertEquals(List.of(new AccountNumber("GHOST")), job.failedAccounts());
    }

    @Test
    void theDryRunPlan_callsNothing_andSaysWhatIsAlreadyArchived() {
        FakeLedger ledger = alphaArchived_betaNot();

        Plan plan = service(ledger, 4).plan(all(JobType.MANUAL));

        assertEquals(OCTOBER, plan.period());
        assertEquals("A1-202510", plan.companies().get(0).archivedInvoice());
        assertEquals(null, plan.companies().get(1).archivedInvoice());
        assertTrue(ledger.calls().isEmpty());
        assertTrue(jobs.list(10, 0).isEmpty());
    }

    @Test
    void withoutAPeriod_theSchedulePolicyChoosesThePreviousMonth() {
        codex.add("A1", "Alpha");
        SnapshotJob job = service(archivingLedger(0), 4).run(new RunRequest(JobType.SCHEDULED, null, null, "cli", null));
        assertEquals(OCTOBER, job.target(), "run on 1 November, for October");
    }

    @Test
    void startReturnsAtOnce_andTheJobFinishesInTheBackground() throws Exception {
        codex.add("A1", "Alpha");
        FakeLedger ledger = archivingLedger(50);
        SnapshotJob started = service(ledger, 4).start(all(JobType.BULK));
        assertEquals(JobStatus.RUNNING, started.status());
        assertNotNull(jobs.find(started.id()).orElseThrow());
        // Finished is not enough: a job that ends FAILED in the background must fail this test.
        SnapshotJob done = awaitFinished(started);
        assertEquals(JobStatus.COMPLETED, done.status(), done.outcomes()::toString);
        assertEquals(1, done.successCount());
        assertEquals(0, done.failedCount());
        assertEquals(List.of(new AccountNumber("A1")), ledger.calls());
        assertEquals(1, snapshots.size(), "the company's bill was archived");
    }

    @Test
    void aJobWithoutProgressForLong_isFailedAsAbandoned_andItsRetryRunsThePeriodAgain() throws Exception {
        codex.add("A1", "Alpha").add("B2", "Beta");
        InMemoryJobStore earlierJobs = new InMemoryJobStore(Clock.offset(CLOCK, Duration.ofMinutes(-20)));
        SnapshotJob orphan = SnapshotJob.start(java.util.UUID.randomUUID(), JobType.BULK, OCTOBER, 2, "admin", CLOCK
                .instant().minus(Duration.ofMinutes(20)));
        earlierJobs.create(orphan);
        earlierJobs.update(orphan.recordSuccess(new AccountNumber("A1"), "Alpha", "archived", 1));
        FakeLedger ledger = archivingLedger(0);
        RunSnapshotsService service = new RunSnapshotsService(codex, ledger, snapshots, earlierJobs, schedule, CLOCK,
                new RunSettings(ZoneId.of("UTC"), 4, FAST), background);

        assertEquals(0, service.failAbandoned(Duration.ofMinutes(30)), "20 quiet minutes are not yet 30");
        assertEquals(1, service.failAbandoned(Duration.ofMinutes(15)));

        SnapshotJob abandoned = earlierJobs.find(orphan.id()).orElseThrow();
        assertEquals(JobStatus.FAILED, abandoned.status());
        assertTrue(abandoned.error().startsWith("abandoned"));
        assertEquals(1, abandoned.outcomes().size(), "what it did is kept");
        SnapshotJob retry = service.retry(orphan.id(), "admin").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (earlierJobs.find(retry.id()).orElseThrow().status() == JobStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(JobStatus.COMPLETED, earlierJobs.find(retry.id()).orElseThrow().status());
        assertEquals(2, earlierJobs.find(retry.id()).orElseThrow().totalCompanies());
    }

    @Test
    void ledgerCallsGoOn_whileStoringProgressIsStuck_becauseASlotIsFreedAsSoonAsLedgerAnswers() throws Exception {
        addCompanies(20);
        FakeLedger ledger = archivingLedger(1);
        CountDownLatch unstick = new CountDownLatch(1);
        StagedJobStore stuck = new StagedJobStore(() -> await(unstick));

        SnapshotJob started = service(ledger, 2, snapshots, stuck).start(all(JobType.BULK));

        awaitCalls(ledger, 20, "every company is asked while no progress can be stored");
        unstick.countDown();
        SnapshotJob done = awaitFinished(started);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(20, done.successCount());
        assertEquals(20, done.outcomes().size());
        assertTrue(ledger.maxConcurrentCalls() <= 2, "at most 2 calls at once, saw " + ledger.maxConcurrentCalls());
        assertTrue(stuck.progressWrites.get() < 10,
                "outcomes recorded during a write go out together in the next, not one write each: "
                        + stuck.progressWrites.get());
    }

    @Test
    void ledgerCallsGoOn_whileLookingUpArchivedInvoicesIsStuck() throws Exception {
        addCompanies(20);
        FakeLedger ledger = archivingLedger(1);
        CountDownLatch unstick = new CountDownLatch(1);
        SnapshotStore slowLookups = new DelegatingStore(snapshots) {
            @Override
            public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
                await(unstick);
                return super.invoiceFor(account, period);
            }
        };

        SnapshotJob started = service(ledger, 2, slowLookups, jobs).start(all(JobType.BULK));

        awaitCalls(ledger, 20, "every company is asked while no invoice can be looked up");
        unstick.countDown();
        SnapshotJob done = awaitFinished(started);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertTrue(done.outcomes().stream().allMatch(o -> o.invoiceNumber().equals(o.account().value() + "-202510")),
                "each outcome names the invoice Ledger archived");
        assertTrue(ledger.maxConcurrentCalls() <= 2, "at most 2 calls at once, saw " + ledger.maxConcurrentCalls());
    }

    @Test
    void aCompanyBeingRetried_keepsItsSlotThroughTheBackOff() {
        codex.add("FLAKY", "Flaky").add("NEXT", "Next");
        FakeLedger ledger = archivingLedger(0).script("FLAKY", new AcceptOutcome.Failed(503, "busy", true));

        SnapshotJob job = service(ledger, 1).run(all(JobType.MANUAL));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(List.of(new AccountNumber("FLAKY"), new AccountNumber("FLAKY"), new AccountNumber("NEXT")),
                ledger.calls(), "no other company takes the slot while FLAKY waits to be retried");
    }

    @Test
    void whatIsArchivedAlready_isReadOnceForTheWholeRun_andEachNewInvoiceWithANarrowLookUp() {
        addCompanies(10);
        for (int i = 0; i < 4; i++) {
            snapshots.save(SampleSnapshots.bill("C" + i, 2025, 10), ReceivedBody.of("{}"), CLOCK.instant(), null);
        }
        CountingStore counting = new CountingStore(snapshots);
        FakeLedger ledger = archivingLedger(0);

        SnapshotJob job = service(ledger, 4, counting, jobs).run(all(JobType.BULK));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(6, ledger.calls().size());
        assertEquals(1, counting.periodReads.get(), "one read of the period, not one per company");
        assertEquals(6, counting.invoiceReads.get(), "one narrow look-up per bill Ledger archived");
        assertEquals(0, counting.snapshotReads.get(), "no whole snapshot is read");
        for (CompanyOutcome outcome : job.outcomes()) {
            assertEquals(outcome.account().value() + "-202510", outcome.invoiceNumber(), outcome.toString());
        }
        assertEquals(List.of("C0", "C1", "C2", "C3"), job.outcomes().stream().filter(o -> o.attempts() == 0)
                .map(o -> o.account().value()).sorted().toList());

        service(ledger, 4, counting, jobs).plan(all(JobType.MANUAL));
        assertEquals(2, counting.periodReads.get(), "the dry run reads the period once too");
        assertEquals(0, counting.snapshotReads.get());
    }

    @Test
    void progressWrites_tellTheStoreHowManyOutcomesItHoldsAlready() {
        addCompanies(50);
        StagedJobStore counted = new StagedJobStore(() -> { });

        SnapshotJob job = service(archivingLedger(1), 8, snapshots, counted).run(all(JobType.BULK));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertTrue(counted.progressWrites.get() > 0);
        assertEquals(0, counted.lookUps.get(), "the in-memory store refuses a wrong count, so none was passed");
        assertEquals(job, jobs.find(job.id()).orElseThrow());
    }

    @Test
    void aFailedProgressWrite_isCarriedByTheNextOne_andTheJobStillCompletes() {
        addCompanies(20);
        AtomicInteger attempts = new AtomicInteger();
        StagedJobStore flaky = new StagedJobStore(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database went away for a moment");
            }
        });

        SnapshotJob job = service(archivingLedger(1), 4, snapshots, flaky).run(all(JobType.BULK));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(job, jobs.find(job.id()).orElseThrow(), "every outcome stored in the end");
        assertEquals(20, jobs.find(job.id()).orElseThrow().outcomes().size());
        assertEquals(1, flaky.lookUps.get(), "after a failed write the store counts once, then the run knows again");
    }

    private SnapshotJob awaitFinished(SnapshotJob job) throws InterruptedException {
        return AwaitJob.finished(jobs, job);
    }

    private static int attempts(SnapshotJob job, String account) {
        return job.outcomes().stream().filter(o -> o.account().value().equals(account)).findFirst().orElseThrow()
                .attempts();
    }

    private void addCompanies(int count) {
        for (int i = 0; i < count; i++) {
            codex.add("C" + i, "Company " + i);
        }
    }

    private static void awaitCalls(FakeLedger ledger, int calls, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ledger.calls().size() < calls && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(calls, ledger.calls().size(), why);
    }

    /** Waits for the test to let go, but never forever: a regression fails the test instead of hanging it. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The test's snapshot store, counting its reads by kind. */
    private static final class CountingStore extends DelegatingStore {
        final AtomicInteger periodReads = new AtomicInteger();
        final AtomicInteger invoiceReads = new AtomicInteger();
        final AtomicInteger snapshotReads = new AtomicInteger();

        CountingStore(SnapshotStore delegate) {
            super(delegate);
        }

        @Override
        public Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
            periodReads.incrementAndGet();
            return super.invoicesFor(period);
        }

        @Override
        public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
            invoiceReads.incrementAndGet();
            return super.invoiceFor(account, period);
        }

        @Override
        public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
            snapshotReads.incrementAndGet();
            return super.findByAccountAndPeriod(account, period);
        }
    }

    /** The test's job store, running a hook before each write of a running job's progress, and counting them. */
    private final class StagedJobStore extends DelegatingJobStore {
        final AtomicInteger progressWrites = new AtomicInteger();
        /** Updates that left counting the stored outcomes to the store. */
        final AtomicInteger lookUps = new AtomicInteger();
        private final Runnable beforeProgressWrite;

        StagedJobStore(Runnable beforeProgressWrite) {
            super(jobs);
            this.beforeProgressWrite = beforeProgressWrite;
        }

        @Override
        public void update(SnapshotJob job) {
            lookUps.incrementAndGet();
            staged(job);
            jobs.update(job);
        }

        @Override
        public void update(SnapshotJob job, int storedOutcomes) {
            staged(job);
            jobs.update(job, storedOutcomes);
        }

        private void staged(SnapshotJob job) {
            if (job.status() == JobStatus.RUNNING) {
                progressWrites.incrementAndGet();
                beforeProgressWrite.run();
            }
        }
    }
}
