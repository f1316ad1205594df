package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.in.RunSnapshots.RunRequest;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.SnapshotJob;
import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.testkit.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a run writes where an operator reads it: each company's outcome (Ledger's status, the detail, the invoice,
 * when it started and ended), the job while it is still running, and the schedule's record of the last run.
 */
class RunOutcomesTest extends RunFakes {
    private static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    private RunSnapshotsService service(FakeLedger ledger, SnapshotStore store, Clock clock) {
        return new RunSnapshotsService(codex, ledger, store, jobs, schedule, clock, new RunSettings(UTC, 1, ONCE),
                background);
    }

    private FakeLedger archivingLedger() {
        return new FakeLedger((account, period) -> archive(account.value()), 0);
    }

    private void archive(String account) {
        snapshots.save(SampleSnapshots.bill(account, 2025, 10), ReceivedBody.of("{}"), NOW, null);
    }

    private static RunRequest october(List<AccountNumber> accounts) {
        return new RunRequest(JobType.MANUAL, OCTOBER, accounts, "admin@example.com", null);
    }

    @Test
    void ledgersStatus_isKeptOnTheOutcome_onlyWhenItIsAnHttpStatus_andNamedInTheDetail() {
        codex.add("S0", "Zero").add("S99", "Ninety-nine").add("S100", "Hundred").add("S599", "Last")
                .add("S600", "Beyond").add("OK", "Fine");
        FakeLedger ledger = archivingLedger()
                .script("S0", new AcceptOutcome.Failed(0, "timeout", false))
                .script("S99", new AcceptOutcome.Failed(99, "odd", false))
                .script("S100", new AcceptOutcome.Failed(100, "odd", false))
                .script("S599", new AcceptOutcome.Failed(599, "odd", false))
                .script("S600", new AcceptOutcome.Failed(600, "odd", false));

        SnapshotJob job = service(ledger, snapshots, CLOCK).run(october(null));

        assertEquals(null, outcome(job, "S0").httpStatus(), "no answer at all");
        assertEquals("timeout", outcome(job, "S0").detail(), "no status to name");
        assertEquals(null, outcome(job, "S99").httpStatus());
        assertEquals(100, outcome(job, "S100").httpStatus());
        assertEquals("HTTP 100: odd", outcome(job, "S100").detail());
        assertEquals(599, outcome(job, "S599").httpStatus());
        assertEquals(null, outcome(job, "S600").httpStatus());
        assertEquals(201, outcome(job, "OK").httpStatus());
        assertEquals("archived by Ledger (HTTP 201)", outcome(job, "OK").detail());
        assertEquals("OK-202510", outcome(job, "OK").invoiceNumber());
    }

    @Test
    void aFailedInvoiceLookUp_leavesTheSuccess_withoutAnInvoiceNumber() {
        codex.add("A1", "Alpha");
        SnapshotStore lookUpsFail = new DelegatingStore(snapshots) {
            @Override
            public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
                throw new IllegalStateException("the database went away for a moment");
            }
        };

        SnapshotJob job = service(archivingLedger(), lookUpsFail, CLOCK).run(october(null));

        assertEquals(JobStatus.COMPLETED, job.status());
        assertTrue(outcome(job, "A1").success());
        assertNull(outcome(job, "A1").invoiceNumber());
    }

    @Test
    void whileLedgerIsAsked_theStoredJobAlreadyShows_whatNeededNoCall() throws Exception {
        codex.add("DONE", "Done").add("ASKED", "Asked");
        archive("DONE");
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        FakeLedger ledger = new FakeLedger((account, period) -> {
            asked.countDown();
            await(answer);
            archive(account.value());
        }, 0);

        SnapshotJob started = service(ledger, snapshots, CLOCK).start(october(
                List.of(new AccountNumber("DONE"), new AccountNumber("GHOST"), new AccountNumber("ASKED"))));
        assertTrue(asked.await(10, TimeUnit.SECONDS), "Ledger is asked about ASKED");
        SnapshotJob meanwhile = jobs.find(started.id()).orElseThrow();
        answer.countDown();

        assertEquals(JobStatus.RUNNING, meanwhile.status());
        assertEquals(List.of("DONE", "GHOST"), meanwhile.outcomes().stream().map(o -> o.account().value()).sorted()
                .toList(), "the already archived and the unknown account are stored before Ledger answers");
        assertEquals("already archived as DONE-202510", outcome(meanwhile, "DONE").detail());
        assertEquals("Codex does not know account GHOST", outcome(meanwhile, "GHOST").detail());
        assertEquals(JobStatus.PARTIAL, awaitFinished(started).status());
    }

    @Test
    void aRunThatCannotStart_isNotedOnTheSchedule_asFailed() {
        codex.makeUnavailable("Codex is not configured (CODEX_URL)");

        SnapshotJob job = service(archivingLedger(), snapshots, CLOCK).runScheduled(NOW);

        assertEquals(JobStatus.FAILED, job.status());
        ScheduleConfig noted = schedule.load(UTC);
        assertEquals("failed", noted.lastRunStatus());
        assertEquals(0, noted.lastRunCount());
        assertEquals(job.completedAt(), noted.lastRunAt());
    }

    @Test
    void aScheduledFireForAPeriodAlreadyRun_failsAtOnce_andAsksLedgerNoMore() {
        codex.add("A1", "Alpha");
        FakeLedger ledger = archivingLedger();
        RunSnapshotsService runs = service(ledger, snapshots, CLOCK);

        SnapshotJob first = runs.runScheduled(NOW);
        SnapshotJob again = runs.runScheduled(NOW.plusSeconds(60));

        assertEquals(OCTOBER, first.target(), "fired on 1 November, for October");
        assertEquals(JobStatus.COMPLETED, first.status());
        assertEquals(JobStatus.FAILED, again.status());
        assertEquals("the scheduled job for 2025-10 already ran on another instance", again.error());
        assertEquals(List.of(new AccountNumber("A1")), ledger.calls());
        assertEquals(List.of(first.id()), jobs.list(10, 0).stream().map(SnapshotJob::id).toList(),
                "the refused job is not stored");
    }

    @Test
    void eachOutcome_endsWhenLedgerAnswered_andNeverBeforeItStarted() {
        codex.add("A1", "Alpha").add("B2", "Beta");
        SettableClock clock = new SettableClock(NOW);
        FakeLedger ledger = new FakeLedger((account, period) -> {
            if (account.value().equals("A1")) {
                clock.set(NOW.minusSeconds(60)); // the wall clock steps back while Ledger answers
            } else {
                clock.advance(Duration.ofSeconds(90));
            }
        }, 0);

        SnapshotJob job = service(ledger, snapshots, clock).run(october(null));

        assertEquals(NOW, outcome(job, "A1").startedAt());
        assertEquals(NOW, outcome(job, "A1").finishedAt(), "clamped to its start, not a minute before it");
        assertEquals(NOW.minusSeconds(60), outcome(job, "B2").startedAt());
        assertEquals(NOW.plusSeconds(30), outcome(job, "B2").finishedAt());
    }

    private static CompanyOutcome outcome(SnapshotJob job, String account) {
        return job.outcomes().stream().filter(o -> o.account().value().equals(account)).findFirst().orElseThrow();
    }

    private SnapshotJob awaitFinished(SnapshotJob job) throws InterruptedException {
        return AwaitJob.finished(jobs, job);
    }

    /** Waits for the test to let go, but never forever: a regression fails the test instead of hanging it. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
