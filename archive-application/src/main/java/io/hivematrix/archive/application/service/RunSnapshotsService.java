package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.RunLifecycle;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Runs snapshot jobs: the {@link RunPlanner} opens a job for the companies still to bill, the
 * {@link LedgerDispatcher} asks Ledger about each, and a {@link RunRecorder} writes every answer onto the job.
 * It archives nothing itself: Ledger posts each accepted bill back to {@code POST /api/snapshot} with its own
 * service token, so a run's bills are recorded as submitted by {@code service:ledger}, the principal that sent them.
 */
public final class RunSnapshotsService implements RunSnapshots, RunLifecycle {
    private static final System.Logger LOG = System.getLogger(RunSnapshotsService.class.getName());

    private final RunPlanner planner;
    private final LedgerDispatcher dispatcher;
    private final SnapshotReader snapshots;
    private final JobStore jobs;
    private final ScheduleStore schedule;
    private final Clock clock;
    private final ExecutorService background;

    public RunSnapshotsService(CompanyDirectory codex, LedgerGateway ledger, SnapshotReader snapshots, JobStore jobs,
                               ScheduleStore schedule, Clock clock, RunSettings settings, ExecutorService background) {
        Objects.requireNonNull(codex);
        Objects.requireNonNull(ledger);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.jobs = Objects.requireNonNull(jobs);
        this.schedule = Objects.requireNonNull(schedule);
        this.clock = Objects.requireNonNull(clock);
        this.background = Objects.requireNonNull(background);
        this.planner = new RunPlanner(codex, ledger, snapshots, jobs, schedule, clock, settings.defaultZone());
        this.dispatcher = new LedgerDispatcher(ledger, clock, settings.concurrency(), settings.retry());
    }

    @Override
    public SnapshotJob start(RunRequest request) {
        RunPlanner.Run run = planner.open(request);
        if (run.runnable()) {
            background.execute(() -> execute(run));
        }
        return run.job();
    }

    @Override
    public SnapshotJob run(RunRequest request) {
        RunPlanner.Run run = planner.open(request);
        return run.runnable() ? execute(run) : run.job();
    }

    @Override
    public SnapshotJob runScheduled(Instant scheduledFireTime) {
        return run(new RunRequest(JobType.SCHEDULED, planner.scheduledPeriod(scheduledFireTime), null, "scheduler",
                "Scheduled monthly snapshot"));
    }

    @Override
    public Plan plan(RunRequest request) {
        return planner.plan(request);
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

    @Override
    public void stopAsking() {
        dispatcher.stopAsking();
    }

    private SnapshotJob execute(RunPlanner.Run run) {
        RunRecorder recorder = new RunRecorder(jobs, schedule, snapshots, clock, run.job());
        dispatcher.dispatch(recorder.recordKnown(run), run.job().target(), run.request().notes(), recorder);
        return recorder.finish();
    }
}
