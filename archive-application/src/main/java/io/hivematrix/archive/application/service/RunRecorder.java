package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.application.service.LedgerDispatcher.Answer;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.SnapshotJob;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one run's outcomes onto its job as they happen — companies skipped, Ledger's answers with the invoice
 * archived, companies left unasked — and closes the job and the schedule's record of the run at the end.
 */
final class RunRecorder implements LedgerDispatcher.Answers {
    private static final System.Logger LOG = System.getLogger(RunRecorder.class.getName());

    private final ScheduleStore schedule;
    private final SnapshotReader snapshots;
    private final Clock clock;
    private final BillingPeriod period;
    private final JobProgress progress;

    RunRecorder(JobStore jobs, ScheduleStore schedule, SnapshotReader snapshots, Clock clock, SnapshotJob opened) {
        this.schedule = schedule;
        this.snapshots = snapshots;
        this.clock = clock;
        this.period = opened.target();
        this.progress = new JobProgress(jobs, opened);
    }

    /**
     * Records, in one write, what needs no Ledger call: accounts not asked about fail, and companies already
     * archived count as done. Returns the companies still to ask.
     */
    List<Company> recordKnown(RunPlanner.Run run) {
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
        store();
        return toAsk;
    }

    /** Records Ledger's answer, with the invoice it archived, and stores the run's progress. */
    @Override
    public void answered(Company company, Answer answer) {
        AccountNumber account = company.account();
        switch (answer.outcome()) {
            case AcceptOutcome.Archived a -> {
                String invoice = invoiceNumber(account);
                progress.change(job -> job.recordSuccess(account, company.name(),
                        "archived by Ledger (HTTP " + a.httpStatus() + ")", answer.attempts(),
                        httpStatus(a.httpStatus()), invoice, answer.startedAt(), answer.finishedAt()));
            }
            case AcceptOutcome.AlreadyArchived a -> {
                String invoice = invoiceNumber(account);
                progress.change(job -> job.recordSuccess(account, company.name(),
                        "already archived (HTTP " + a.httpStatus() + ")", answer.attempts(),
                        httpStatus(a.httpStatus()), invoice, answer.startedAt(), answer.finishedAt()));
            }
            case AcceptOutcome.Failed f -> progress.change(job -> job.recordFailure(account, company.name(),
                    (f.httpStatus() == 0 ? "" : "HTTP " + f.httpStatus() + ": ") + f.error(), answer.attempts(),
                    httpStatus(f.httpStatus()), answer.startedAt(), answer.finishedAt()));
        }
        store();
    }

    @Override
    public void notAsked(List<Company> companies) {
        for (Company company : companies) {
            progress.change(job -> job.recordFailure(company.account(), company.name(),
                    "not asked: Archive was shutting down; retry the job", 0));
        }
        store();
    }

    /** Ends the job, stores it (a failure here is the caller's to see) and notes the run on the schedule. */
    SnapshotJob finish() {
        progress.change(job -> job.finish(clock.instant()));
        progress.write();
        SnapshotJob finished = progress.job();
        schedule.recordRun(finished.completedAt(), finished.status().code(), finished.successCount());
        LOG.log(Level.INFO, "snapshot job " + finished.id() + " for " + period + ": " + finished.status().code()
                + " (" + finished.successCount() + " ok, " + finished.failedCount() + " failed)");
        return finished;
    }

    /** Stores the progress so far; a failed write loses nothing, as the next (at the latest the finish) carries it. */
    private void store() {
        try {
            progress.write();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not store the progress of snapshot job " + progress.job().id()
                    + "; the next write will carry it", e);
        }
    }

    /** Ledger's status as stored: 0 (no answer) or anything that is not an HTTP status becomes null. */
    private static Integer httpStatus(int status) {
        return status >= 100 && status <= 599 ? status : null;
    }

    /**
     * The invoice number of the bill Ledger just archived: Ledger posts the bill back to the Archive before
     * it answers, so it is stored by now. A failed look-up must not turn a success into a failure.
     */
    private String invoiceNumber(AccountNumber account) {
        try {
            return snapshots.invoiceFor(account, period).map(InvoiceNumber::value).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not look up the invoice number archived for " + account + " in " + period, e);
            return null;
        }
    }
}
