package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.RunSnapshots.Plan;
import io.hivematrix.archive.application.port.in.RunSnapshots.PlannedCompany;
import io.hivematrix.archive.application.port.in.RunSnapshots.RunRequest;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.SnapshotJob;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides what a run covers — its period, the companies Codex names, those already archived — and opens it as a
 * stored job, or ends it at once when it cannot run.
 */
final class RunPlanner {
    private static final System.Logger LOG = System.getLogger(RunPlanner.class.getName());

    private final CompanyDirectory codex;
    private final LedgerGateway ledger;
    private final SnapshotReader snapshots;
    private final JobStore jobs;
    private final ScheduleStore schedule;
    private final Clock clock;
    private final ZoneId defaultZone;

    RunPlanner(CompanyDirectory codex, LedgerGateway ledger, SnapshotReader snapshots, JobStore jobs,
               ScheduleStore schedule, Clock clock, ZoneId defaultZone) {
        this.codex = codex;
        this.ledger = ledger;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.schedule = schedule;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    /**
     * A job about to run: what it was asked, the companies it reaches, the accounts it fails without asking
     * Ledger (with why: Codex does not know them, or could not be asked) and the invoices already archived for
     * its period, read once when it opened.
     */
    record Run(RunRequest request, List<Company> companies, Map<AccountNumber, String> notAsked,
               Map<AccountNumber, InvoiceNumber> archived, SnapshotJob job) {
        /** False when opening the run already ended it (nothing to reach, or the period is taken). */
        boolean runnable() {
            return job.status() == JobStatus.RUNNING;
        }
    }

    /** What a run would do, calling nothing that writes. */
    Plan plan(RunRequest request) {
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

    /** The period the schedule policy targets at {@code at}'s instant (a scheduled run's planned fire time). */
    BillingPeriod scheduledPeriod(java.time.Instant at) {
        var policy = schedule.load(defaultZone).policy();
        return policy.targetPeriod(at.atZone(policy.zone()));
    }

    /** Resolves the period and the companies and stores the job; a failure to ask Codex fails it, or each account named. */
    Run open(RunRequest request) {
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
        return request.period() != null ? request.period() : scheduledPeriod(clock.instant());
    }
}
