package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One run of the monthly snapshot job: which period it archives, how far it got, and what happened
 * to each company. Immutable; every step returns a new value and an illegal step throws
 * {@link IllegalStateException}.
 *
 * @param completedAt when the run ended; {@code null} exactly while it is running
 * @param outcomes    per-company results in the order they were recorded; empty for a job known only
 *                    by its counts (e.g. one imported from the original service)
 * @param error       why the whole run failed; {@code null} unless it is {@link JobStatus#FAILED} for
 *                    a reason other than its companies
 */
public record SnapshotJob(
        UUID id,
        JobType type,
        JobStatus status,
        BillingPeriod target,
        int totalCompanies,
        int completedCompanies,
        int successCount,
        int failedCount,
        Instant startedAt,
        Instant completedAt,
        String triggeredBy,
        List<CompanyOutcome> outcomes,
        String error) {

    public SnapshotJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(target, "target");
        Snapshot.requireCount(totalCompanies, "total companies");
        Snapshot.requireCount(completedCompanies, "completed companies");
        Snapshot.requireCount(successCount, "success count");
        Snapshot.requireCount(failedCount, "failed count");
        if (completedCompanies != successCount + failedCount) {
            throw new IllegalArgumentException("completed companies must equal success count plus failed count");
        }
        if (completedCompanies > totalCompanies) {
            throw new IllegalArgumentException("completed companies must not exceed total companies");
        }
        Objects.requireNonNull(startedAt, "started at");
        if (status == JobStatus.RUNNING && completedAt != null) {
            throw new IllegalArgumentException("a running job must not have completed at");
        }
        if (status != JobStatus.RUNNING && completedAt == null) {
            throw new IllegalArgumentException("a finished job must have completed at");
        }
        if (completedAt != null && completedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("completed at must not be before started at");
        }
        Text.required(triggeredBy, Text.NAME, "triggered by");
        outcomes = List.copyOf(outcomes);
        requireOutcomesMatchCounts(outcomes, completedCompanies, successCount);
        Text.optional(error, Text.NOTES, "error");
        if (error != null && error.isBlank()) {
            throw new IllegalArgumentException("error must not be blank");
        }
        if (error != null && status != JobStatus.FAILED) {
            throw new IllegalArgumentException("only a failed job may have an error");
        }
        boolean allDone = completedCompanies == totalCompanies;
        switch (status) {
            case RUNNING -> { }
            case COMPLETED -> {
                if (!allDone || failedCount > 0) {
                    throw new IllegalArgumentException("a completed job must have every company done and none failed");
                }
            }
            case PARTIAL -> {
                if (!allDone || successCount == 0 || failedCount == 0) {
                    throw new IllegalArgumentException(
                            "a partial job must have every company done, some succeeded and some failed");
                }
            }
            case FAILED -> {
                boolean everyCompanyFailed = totalCompanies > 0 && allDone && successCount == 0;
                if (error == null && !everyCompanyFailed) {
                    throw new IllegalArgumentException("a failed job must have an error or every company failed");
                }
            }
        }
    }

    /** Begins a run over {@code totalCompanies} companies. */
    public static SnapshotJob start(UUID id, JobType type, BillingPeriod target, int totalCompanies,
                                    String triggeredBy, Instant now) {
        return new SnapshotJob(id, type, JobStatus.RUNNING, target, totalCompanies, 0, 0, 0, now, null,
                triggeredBy, List.of(), null);
    }

    /** Records that a company was archived (or already was). */
    public SnapshotJob recordSuccess(AccountNumber account, String companyName, String detail, int attempts) {
        return record(new CompanyOutcome(account, companyName, true, diagnostic(detail, Text.DESCRIPTION), attempts));
    }

    /** Records that a company could not be archived, after {@code attempts} tries. */
    public SnapshotJob recordFailure(AccountNumber account, String companyName, String error, int attempts) {
        return record(new CompanyOutcome(account, companyName, false, diagnostic(error, Text.DESCRIPTION), attempts));
    }

    /**
     * Records that a company was archived (or already was), with Ledger's last HTTP status ({@code null}
     * when no call was made), the archived bill's invoice number and when work on it began and ended.
     */
    public SnapshotJob recordSuccess(AccountNumber account, String companyName, String detail, int attempts,
                                     Integer httpStatus, String invoiceNumber, Instant startedAt,
                                     Instant finishedAt) {
        return record(new CompanyOutcome(account, companyName, true, diagnostic(detail, Text.DESCRIPTION), attempts,
                httpStatus, invoiceNumber, startedAt, finishedAt));
    }

    /**
     * Records that a company could not be archived, after {@code attempts} tries, with Ledger's last HTTP
     * status ({@code null} when none answered) and when work on it began and ended.
     */
    public SnapshotJob recordFailure(AccountNumber account, String companyName, String error, int attempts,
                                     Integer httpStatus, Instant startedAt, Instant finishedAt) {
        return record(new CompanyOutcome(account, companyName, false, diagnostic(error, Text.DESCRIPTION), attempts,
                httpStatus, null, startedAt, finishedAt));
    }

    /** Ends a run whose every company has an outcome; the status says how it went. */
    public SnapshotJob finish(Instant now) {
        requireRunning("finish");
        if (completedCompanies < totalCompanies) {
            throw new IllegalStateException((totalCompanies - completedCompanies) + " of " + totalCompanies
                    + " companies have no outcome yet");
        }
        JobStatus end;
        if (failedCount == 0) {
            end = JobStatus.COMPLETED;
        } else if (successCount > 0) {
            end = JobStatus.PARTIAL;
        } else {
            end = JobStatus.FAILED;
        }
        return new SnapshotJob(id, type, end, target, totalCompanies, completedCompanies, successCount,
                failedCount, startedAt, now, triggeredBy, outcomes, null);
    }

    /** Ends a run that could not proceed at all, e.g. because Codex is not configured. */
    public SnapshotJob fail(String error, Instant now) {
        requireRunning("fail");
        String reason = diagnostic(error, Text.NOTES);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("error is required");
        }
        return new SnapshotJob(id, type, JobStatus.FAILED, target, totalCompanies, completedCompanies,
                successCount, failedCount, startedAt, now, triggeredBy, outcomes, reason);
    }

    /** The companies that failed, in the order recorded: what a retry runs again. */
    public List<AccountNumber> failedAccounts() {
        return outcomes.stream().filter(o -> !o.success()).map(CompanyOutcome::account).toList();
    }

    /** Whether the run archived every company ({@code success} in the API). */
    public boolean success() {
        return status == JobStatus.COMPLETED;
    }

    private SnapshotJob record(CompanyOutcome outcome) {
        requireRunning("record an outcome");
        if (completedCompanies >= totalCompanies) {
            throw new IllegalStateException("every company already has an outcome");
        }
        for (CompanyOutcome recorded : outcomes) {
            if (recorded.account().equals(outcome.account())) {
                throw new IllegalStateException("account " + outcome.account() + " already has an outcome");
            }
        }
        List<CompanyOutcome> more = new ArrayList<>(outcomes.size() + 1);
        more.addAll(outcomes);
        more.add(outcome);
        int successes = successCount + (outcome.success() ? 1 : 0);
        int failures = failedCount + (outcome.success() ? 0 : 1);
        return new SnapshotJob(id, type, status, target, totalCompanies, completedCompanies + 1, successes,
                failures, startedAt, completedAt, triggeredBy, more, error);
    }

    private void requireRunning(String action) {
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("cannot " + action + ": job has already ended (" + status.code() + ")");
        }
    }

    private static void requireOutcomesMatchCounts(List<CompanyOutcome> outcomes, int completed, int successes) {
        if (outcomes.isEmpty()) {
            return; // known only by its counts
        }
        long recordedSuccesses = outcomes.stream().filter(CompanyOutcome::success).count();
        if (outcomes.size() != completed || recordedSuccesses != successes) {
            throw new IllegalArgumentException("outcomes must agree with the counts");
        }
        Set<AccountNumber> seen = new HashSet<>();
        for (CompanyOutcome outcome : outcomes) {
            if (!seen.add(outcome.account())) {
                throw new IllegalArgumentException("outcomes must not repeat an account");
            }
        }
    }

    /**
     * Makes an error text storable: NULs removed and cut to {@code max} characters. A diagnostic must
     * never be lost, nor make recording a failure fail, just because it is long or odd.
     */
    private static String diagnostic(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.replace("\0", "");
        if (clean.codePointCount(0, clean.length()) <= max) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, max - 1)) + "…";
    }
}
