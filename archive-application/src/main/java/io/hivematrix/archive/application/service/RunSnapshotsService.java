package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs snapshot jobs: lists the companies, skips those already archived for the period, and asks
 * Ledger to accept each other bill, at most {@code concurrency} at a time, retrying what may succeed.
 */
public final class RunSnapshotsService implements RunSnapshots {
    private static final System.Logger LOG = System.getLogger(RunSnapshotsService.class.getName());

    private final CompanyDirectory codex;
    private final LedgerGateway ledger;
    private final SnapshotStore snapshots;
    private final JobStore jobs;
    private final ScheduleStore schedule;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final int concurrency;
    private final RetryPolicy retry;
    private final ExecutorService background;

    public RunSnapshotsService(CompanyDirectory codex, LedgerGateway ledger, SnapshotStore snapshots, JobStore jobs,
                               ScheduleStore schedule, Clock clock, ZoneId defaultZone, int concurrency,
                               RetryPolicy retry, ExecutorService background) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.codex = Objects.requireNonNull(codex);
        this.ledger = Objects.requireNonNull(ledger);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.jobs = Objects.requireNonNull(jobs);
        this.schedule = Objects.requireNonNull(schedule);
        this.clock = Objects.requireNonNull(clock);
        this.defaultZone = Objects.requireNonNull(defaultZone);
        this.concurrency = concurrency;
        this.retry = Objects.requireNonNull(retry);
        this.background = Objects.requireNonNull(background);
    }

    @Override
    public SnapshotJob start(RunRequest request) {
        Run run = open(request);
        if (run.runnable()) {
            background.execute(() -> execute(run));
        }
        return run.job;
    }

    @Override
    public SnapshotJob run(RunRequest request) {
        Run run = open(request);
        return run.runnable() ? execute(run) : run.job;
    }

    @Override
    public SnapshotJob runScheduled(Instant scheduledFireTime) {
        var policy = schedule.load(defaultZone).policy();
        BillingPeriod period = policy.targetPeriod(scheduledFireTime.atZone(policy.zone()));
        return run(new RunRequest(JobType.SCHEDULED, period, null, "scheduler", "Scheduled monthly snapshot"));
    }

    @Override
    public Plan plan(RunRequest request) {
        BillingPeriod period = period(request);
        List<PlannedCompany> planned = new ArrayList<>();
        for (Company company : companies(request, new LinkedHashMap<>())) {
            planned.add(new PlannedCompany(company.account(), company.name(), snapshots
                    .findByAccountAndPeriod(company.account(), period)
                    .map(s -> s.snapshot().invoiceNumber().value()).orElse(null)));
        }
        return new Plan(period, planned);
    }

    @Override
    public Optional<SnapshotJob> retry(UUID jobId, String triggeredBy) {
        return jobs.find(jobId).map(earlier -> start(new RunRequest(JobType.RETRY, earlier.target(),
                // A job that failed as a whole never reached some companies: run them all again.
                earlier.error() != null ? null : earlier.failedAccounts(), triggeredBy, "retry of job " + jobId)));
    }

    @Override
    public int failAbandoned(Duration quiet) {
        int failed = 0;
        for (SnapshotJob job : jobs.runningWithoutProgressSince(clock.instant().minus(quiet))) {
            jobs.update(job.fail("abandoned: no progress for " + quiet.toMinutes()
                    + " minutes (its instance stopped mid-run); retry it to finish", clock.instant()));
            LOG.log(Level.WARNING, "failed abandoned snapshot job " + job.id() + " for " + job.target());
            failed++;
        }
        return failed;
    }

    /** A job being run: its latest value, guarded by the run's lock as workers record outcomes. */
    private static final class Run {
        private final RunRequest request;
        private final List<Company> companies;
        private final Map<AccountNumber, String> unknown;
        private SnapshotJob job;

        Run(RunRequest request, List<Company> companies, Map<AccountNumber, String> unknown, SnapshotJob job) {
            this.request = request;
            this.companies = companies;
            this.unknown = unknown;
            this.job = job;
        }

        /** False when opening the run already ended it (nothing to reach, or the period is taken). */
        boolean runnable() {
            return job.status() == JobStatus.RUNNING;
        }
    }

    /** Resolves the period and the companies and stores the job; a failure to list companies fails the job. */
    private Run open(RunRequest request) {
        BillingPeriod period = period(request);
        Map<AccountNumber, String> unknown = new LinkedHashMap<>();
        // Fail fast, with the reason on the job, when the run cannot reach its neighbours at all.
        String cannotRun = ledger.configured() ? null : "Ledger is not configured (LEDGER_URL)";
        List<Company> companies = List.of();
        if (cannotRun == null) {
            try {
                companies = companies(request, unknown);
            } catch (CompanyDirectory.DirectoryUnavailable e) {
                cannotRun = e.getMessage();
            }
        }
        if (cannotRun != null) {
            SnapshotJob failed = SnapshotJob.start(UUID.randomUUID(), request.type(), period, 0,
                    request.triggeredBy(), clock.instant()).fail(cannotRun, clock.instant());
            if (jobs.create(failed)) {
                schedule.recordRun(failed.completedAt(), failed.status().code(), 0);
            }
            return new Run(request, List.of(), unknown, failed);
        }
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), request.type(), period,
                companies.size() + unknown.size(), request.triggeredBy(), clock.instant());
        if (!jobs.create(job)) {
            // Another instance already runs (or ran) the scheduled job for this period: never twice.
            LOG.log(Level.INFO, "the scheduled job for " + period + " already exists; not running it again");
            return new Run(request, List.of(), Map.of(), job.fail("the scheduled job for " + period
                    + " already ran on another instance", clock.instant()));
        }
        return new Run(request, companies, unknown, job);
    }

    private SnapshotJob execute(Run run) {
        BillingPeriod period = run.job.target();
        run.unknown.forEach((account, why) -> record(run, account, null, false, why, 0, null, null, null, null));
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Company company : run.companies) {
                Instant checkedAt = clock.instant();
                Optional<ArchivedSnapshot> archived = snapshots.findByAccountAndPeriod(company.account(), period);
                if (archived.isPresent()) {
                    // Already archived: no Ledger call at all, and it counts as done.
                    String invoice = archived.get().snapshot().invoiceNumber().value();
                    record(run, company.account(), company.name(), true, "already archived as " + invoice, 0,
                            null, invoice, checkedAt, finishedSince(checkedAt));
                    continue;
                }
                permits.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        accept(run, company, period);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        SnapshotJob finished;
        synchronized (run) {
            run.job = run.job.finish(clock.instant());
            jobs.update(run.job);
            finished = run.job;
        }
        schedule.recordRun(finished.completedAt(), finished.status().code(), finished.successCount());
        LOG.log(Level.INFO, "snapshot job " + finished.id() + " for " + period + ": " + finished.status().code()
                + " (" + finished.successCount() + " ok, " + finished.failedCount() + " failed)");
        return finished;
    }

    private void accept(Run run, Company company, BillingPeriod period) {
        Instant startedAt = clock.instant();
        int attempt = 0;
        while (true) {
            attempt++;
            AcceptOutcome outcome;
            try {
                outcome = ledger.acceptBill(company.account(), period, run.request.notes());
            } catch (RuntimeException e) {
                outcome = new AcceptOutcome.Failed(0, "unexpected error: " + e.getMessage(), true);
            }
            switch (outcome) {
                case AcceptOutcome.Archived a -> {
                    record(run, company.account(), company.name(), true, "archived by Ledger (HTTP " + a.httpStatus() + ")",
                            attempt, httpStatus(a.httpStatus()), invoiceNumber(company.account(), period), startedAt,
                            finishedSince(startedAt));
                    return;
                }
                case AcceptOutcome.AlreadyArchived a -> {
                    record(run, company.account(), company.name(), true,
                            "already archived (HTTP " + a.httpStatus() + ")", attempt, httpStatus(a.httpStatus()),
                            invoiceNumber(company.account(), period), startedAt, finishedSince(startedAt));
                    return;
                }
                case AcceptOutcome.Failed f -> {
                    if (!f.retryable() || attempt >= retry.maxAttempts()) {
                        record(run, company.account(), company.name(), false,
                                (f.httpStatus() == 0 ? "" : "HTTP " + f.httpStatus() + ": ") + f.error(), attempt,
                                httpStatus(f.httpStatus()), null, startedAt, finishedSince(startedAt));
                        return;
                    }
                    sleep(retry.delayAfter(attempt).toMillis());
                }
            }
        }
    }

    private void record(Run run, AccountNumber account, String name, boolean success, String detail, int attempts,
                        Integer httpStatus, String invoiceNumber, Instant startedAt, Instant finishedAt) {
        synchronized (run) {
            run.job = success
                    ? run.job.recordSuccess(account, name, detail, attempts, httpStatus, invoiceNumber, startedAt,
                            finishedAt)
                    : run.job.recordFailure(account, name, detail, attempts, httpStatus, startedAt, finishedAt);
            jobs.update(run.job);
        }
    }

    /** Now, but never before {@code startedAt}, even if the wall clock stepped back meanwhile. */
    private Instant finishedSince(Instant startedAt) {
        Instant now = clock.instant();
        return now.isBefore(startedAt) ? startedAt : now;
    }

    /** Ledger's status as stored: 0 (no answer) or anything that is not an HTTP status becomes null. */
    private static Integer httpStatus(int status) {
        return status >= 100 && status <= 599 ? status : null;
    }

    /**
     * The invoice number of the bill Ledger just archived: Ledger posts the bill back to the Archive before
     * it answers, so it is stored by now. A failed look-up must not turn a success into a failure.
     */
    private String invoiceNumber(AccountNumber account, BillingPeriod period) {
        try {
            return snapshots.findByAccountAndPeriod(account, period)
                    .map(s -> s.snapshot().invoiceNumber().value()).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not look up the invoice number archived for " + account + " in " + period, e);
            return null;
        }
    }

    private List<Company> companies(RunRequest request, Map<AccountNumber, String> unknown) {
        if (request.accounts() == null) {
            return codex.allCompanies();
        }
        List<Company> found = new ArrayList<>();
        for (AccountNumber account : new LinkedHashSet<>(request.accounts())) {
            codex.company(account).ifPresentOrElse(found::add,
                    () -> unknown.put(account, "Codex does not know account " + account));
        }
        return found;
    }

    private BillingPeriod period(RunRequest request) {
        if (request.period() != null) {
            return request.period();
        }
        var policy = schedule.load(defaultZone).policy();
        return policy.targetPeriod(clock.instant().atZone(policy.zone()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
