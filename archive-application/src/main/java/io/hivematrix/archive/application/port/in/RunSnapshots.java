package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Use case: archive a period's bills for many companies by asking Ledger for each, as one tracked job. */
public interface RunSnapshots {

    /** Starts a job in the background and returns it as started; progress is visible through {@link ListJobs}. */
    SnapshotJob start(RunRequest request);

    /** Runs a job to its end on the calling thread (the CLI's way). */
    SnapshotJob run(RunRequest request);

    /**
     * The scheduled monthly run for the trigger's planned fire time (which, after a missed fire, lies in
     * the past): the period follows from that time and the policy. Runs at most once per period across
     * all instances; a second attempt returns without running.
     */
    SnapshotJob runScheduled(java.time.Instant scheduledFireTime);

    /** What a run would do, calling nothing that writes. */
    Plan plan(RunRequest request);

    /**
     * Starts a job that re-runs the companies that failed in job {@code jobId} — or, for a job that
     * failed as a whole (e.g. Codex was down, or it was abandoned), every company of its period again,
     * those already archived being skipped without a call; empty if no such job.
     */
    Optional<SnapshotJob> retry(UUID jobId, String triggeredBy);

    /**
     * What to run.
     *
     * @param period   the billing period, or null to take the one the schedule policy targets now
     * @param accounts specific companies, or null for every company Codex lists
     */
    record RunRequest(JobType type, BillingPeriod period, List<AccountNumber> accounts, String triggeredBy,
                      String notes) {
        public RunRequest {
            accounts = accounts == null ? null : List.copyOf(accounts);
        }
    }

    /** The companies a run would cover, and which of them are already archived for the period. */
    record Plan(BillingPeriod period, List<PlannedCompany> companies) {
        public Plan {
            companies = List.copyOf(companies);
        }
    }

    /** One company in a plan; {@code archivedInvoice} is its existing invoice for the period, or null. */
    record PlannedCompany(AccountNumber account, String name, String archivedInvoice) {
    }
}
