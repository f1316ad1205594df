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
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
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
 * It archives nothing itself: Ledger posts each accepted bill back to {@code POST /api/snapshot} with its own
 * service token, so a run's bills are recorded as submitted by {@code service:ledger}, the principal that sent them.
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
    /** Set once the process is stopping: runs ask no new company and retry nothing (see {@link #stopAsking()}). */
    private volatile boolean stopping;

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
        return run.job();
    }

    @Override
    public SnapshotJob run(RunRequest request) {
        Run run = open(request);
        return run.runnable() ? execute(run) : run.job();
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
        List<Company> companies = companies(request, new LinkedHashMap<>());
        Map<AccountNumber, InvoiceNumber> archived = snapshots.invoicesFor(period);
        List<PlannedCompany> planned = new ArrayList<>();
        for (Company company : companies) {
            InvoiceNumber invoice = archived.get(company.account());
            planned.add(new PlannedCompany(company.account(), company.name(),
                    invoice == null ? null : invoice.value()));
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

    /**
     * A job about to run: what it was asked, the companies it reaches, the accounts it fails without asking
     * Ledger (with why: Codex does not know them, or could not be asked) and the invoices already archived for
     * its period, read once when it opened.
     */
    private record Run(RunRequest request, List<Company> companies, Map<AccountNumber, String> notAsked,
                       Map<AccountNumber, InvoiceNumber> archived, SnapshotJob job) {
        /** False when opening the run already ended it (nothing to reach, or the period is taken). */
        boolean runnable() {
            return job.status() == JobStatus.RUNNING;
        }
    }

    /** What Ledger finally answered about one company, after the retries the policy allows. */
    private record Answer(AcceptOutcome outcome, int attempts, Instant startedAt, Instant finishedAt) {
    }

    /** Resolves the period and the companies and stores the job; a failure to ask Codex fails it, or each account named. */
    private Run open(RunRequest request) {
        BillingPeriod period = period(request);
        Map<AccountNumber, String> notAsked = new LinkedHashMap<>();
        // Fail fast, with the reason on the job, when the run cannot reach its neighbours at all.
        String cannotRun = ledger.configured() ? null : "Ledger is not configured (LEDGER_URL)";
        List<Company> companies = List.of();
        if (cannotRun == null) {
            try {
                companies = companies(request, notAsked);
            } catch (CompanyDirectory.DirectoryUnavailable e) {
                if (request.accounts() == null) {
                    cannotRun = e.getMessage();
                } else {
                    // Named accounts each fail, none billed, instead of the job as a whole: the retry of a job failed
                    // as a whole runs every company of the period, far more than an operator named.
                    companies = List.of();
                    notAsked.clear();
                    new LinkedHashSet<>(request.accounts()).forEach(account ->
                            notAsked.put(account, "not run: " + e.getMessage()));
                }
            }
        }
        if (cannotRun != null) {
            SnapshotJob failed = SnapshotJob.start(UUID.randomUUID(), request.type(), period, 0,
                    request.triggeredBy(), clock.instant()).fail(cannotRun, clock.instant());
            if (jobs.create(failed)) {
                schedule.recordRun(failed.completedAt(), failed.status().code(), 0);
            }
            return new Run(request, List.of(), notAsked, Map.of(), failed);
        }
        // Read before the job is stored: if the archive cannot be read, no job is left running for nothing.
        Map<AccountNumber, InvoiceNumber> archived = snapshots.invoicesFor(period);
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), request.type(), period,
                companies.size() + notAsked.size(), request.triggeredBy(), clock.instant());
        if (!jobs.create(job)) {
            // Another instance already runs (or ran) the scheduled job for this period: never twice.
            LOG.log(Level.INFO, "the scheduled job for " + period + " already exists; not running it again");
            return new Run(request, List.of(), Map.of(), Map.of(), job.fail("the scheduled job for " + period
                    + " already ran on another instance", clock.instant()));
        }
        return new Run(request, companies, notAsked, archived, job);
    }

    private SnapshotJob execute(Run run) {
        BillingPeriod period = run.job().target();
        JobProgress progress = new JobProgress(jobs, run.job());
        // What needs no Ledger call is known at once and stored in one write: accounts not asked about fail, and
        // companies already archived count as done.
        Instant checkedAt = clock.instant();
        run.notAsked().forEach((account, why) -> progress.change(job -> job.recordFailure(account, null, why, 0, null,
                null, null)));
        List<Company> toAsk = new ArrayList<>();
        for (Company company : run.companies()) {
            InvoiceNumber archived = run.archived().get(company.account());
            if (archived == null) {
                toAsk.add(company);
            } else {
                progress.change(job -> job.recordSuccess(company.account(), company.name(),
                        "already archived as " + archived.value(), 0, null, archived.value(), checkedAt, checkedAt));
            }
        }
        store(progress);
        // A slot bounds the Ledger calls in flight (ARCHIVE_SCHEDULER_CONCURRENCY) and nothing else: a worker
        // gives it back as soon as Ledger has answered, and looks up the invoice and stores progress after.
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < toAsk.size(); i++) {
                slots.acquireUninterruptibly();
                if (stopping) {
                    slots.release();
                    notAskedBecauseStopping(progress, toAsk.subList(i, toAsk.size()));
                    break;
                }
                Company company = toAsk.get(i);
                workers.execute(() -> {
                    Answer answer;
                    try {
                        answer = ask(company, period, run.request().notes());
                    } finally {
                        slots.release();
                    }
                    record(progress, company, period, answer);
                });
            }
        }
        progress.change(job -> job.finish(clock.instant()));
        progress.write();
        SnapshotJob finished = progress.job();
        schedule.recordRun(finished.completedAt(), finished.status().code(), finished.successCount());
        LOG.log(Level.INFO, "snapshot job " + finished.id() + " for " + period + ": " + finished.status().code()
                + " (" + finished.successCount() + " ok, " + finished.failedCount() + " failed)");
        return finished;
    }

    /**
     * Graceful shutdown: runs in progress finish the Ledger calls already made (without retrying them), ask no
     * further company, and end with those companies recorded as failed, so a retry of the job picks them up.
     */
    public void stopAsking() {
        stopping = true;
    }

    private void notAskedBecauseStopping(JobProgress progress, List<Company> companies) {
        for (Company company : companies) {
            progress.change(job -> job.recordFailure(company.account(), company.name(),
                    "not asked: Archive was shutting down; retry the job", 0));
        }
        store(progress);
    }

    /**
     * Asks Ledger to accept one company's bill, retrying what may succeed. The caller holds its slot through
     * the retries and their back-off too: the company is still being asked about, and a Ledger that just
     * failed is better given that pause than a fresh company in its place.
     */
    private Answer ask(Company company, BillingPeriod period, String notes) {
        Instant startedAt = clock.instant();
        for (int attempt = 1; ; attempt++) {
            AcceptOutcome outcome;
            try {
                outcome = ledger.acceptBill(company.account(), period, notes);
            } catch (RuntimeException e) {
                outcome = new AcceptOutcome.Failed(0, "unexpected error: " + e.getMessage(), true);
            }
            if (!(outcome instanceof AcceptOutcome.Failed f) || !f.retryable() || attempt >= retry.maxAttempts()
                    || stopping) {
                return new Answer(outcome, attempt, startedAt, finishedSince(startedAt));
            }
            sleep(retry.delayAfter(attempt).toMillis());
        }
    }

    /** Records Ledger's answer, with the invoice it archived, and stores the run's progress. */
    private void record(JobProgress progress, Company company, BillingPeriod period, Answer answer) {
        AccountNumber account = company.account();
        switch (answer.outcome()) {
            case AcceptOutcome.Archived a -> {
                String invoice = invoiceNumber(account, period);
                progress.change(job -> job.recordSuccess(account, company.name(),
                        "archived by Ledger (HTTP " + a.httpStatus() + ")", answer.attempts(),
                        httpStatus(a.httpStatus()), invoice, answer.startedAt(), answer.finishedAt()));
            }
            case AcceptOutcome.AlreadyArchived a -> {
                String invoice = invoiceNumber(account, period);
                progress.change(job -> job.recordSuccess(account, company.name(),
                        "already archived (HTTP " + a.httpStatus() + ")", answer.attempts(),
                        httpStatus(a.httpStatus()), invoice, answer.startedAt(), answer.finishedAt()));
            }
            case AcceptOutcome.Failed f -> progress.change(job -> job.recordFailure(account, company.name(),
                    (f.httpStatus() == 0 ? "" : "HTTP " + f.httpStatus() + ": ") + f.error(), answer.attempts(),
                    httpStatus(f.httpStatus()), answer.startedAt(), answer.finishedAt()));
        }
        store(progress);
    }

    /** Stores the progress so far; a failed write loses nothing, as the next (at the latest the finish) carries it. */
    private static void store(JobProgress progress) {
        try {
            progress.write();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not store the progress of snapshot job " + progress.job().id()
                    + "; the next write will carry it", e);
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
            return snapshots.invoiceFor(account, period).map(InvoiceNumber::value).orElse(null);
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
