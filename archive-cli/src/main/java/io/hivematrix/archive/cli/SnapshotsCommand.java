package io.hivematrix.archive.cli;

import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.boot.ArchiveDatabase;
import io.hivematrix.archive.boot.Wiring;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code archive snapshots} (alias {@code snapshot-run}): the original {@code scheduled_snapshots.py}, same flags, same
 * exit codes.
 */
@Command(name = "snapshots", aliases = "snapshot-run", description = {
    "Ask Ledger to archive a month's bills, like the original scheduled_snapshots.py.",
    "Without --year/--month the schedule policy picks the period. Exit 0 when every company succeeded."})
final class SnapshotsCommand implements Callable<Integer> {
    @Option(names = "--year", description = "Billing year, e.g. 2025.")
    Integer year;

    @Option(names = "--month", description = "Billing month, 1-12.")
    Integer month;

    @Option(names = "--all", description = "Every company Codex lists (the default when no --accounts).")
    boolean all;

    @Option(names = "--accounts", split = ",", description = "Only these account numbers, e.g. 620547,183729.")
    List<String> accounts;

    @Option(names = "--dry-run", description = "Print the plan (period, companies, already archived) and call nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if ((year == null) != (month == null)) {
            System.err.println("archive snapshots: give both --year and --month, or neither");
            return 2;
        }
        if (all && accounts != null) {
            System.err.println("archive snapshots: use either --all or --accounts");
            return 2;
        }
        BillingPeriod period;
        List<AccountNumber> chosen;
        try {
            period = year == null ? null : new BillingPeriod(year, month);
            chosen = accounts == null ? null : accounts.stream().map(String::trim).map(AccountNumber::new).toList();
        } catch (IllegalArgumentException e) {
            System.err.println("archive snapshots: " + e.getMessage());
            return 2;
        }
        ArchiveSettings settings = ArchiveSettings.load();
        ArchiveDatabase opened = ArchiveDatabase.open(settings);
        try {
            opened.migrate(); // as serve does: the owner migrates, then grants
        } catch (RuntimeException e) {
            opened.close();
            System.err.println("archive snapshots: " + e.getMessage());
            return 1;
        }
        try (opened;
             PostgresDatabase database = opened.connect();
             LedgerClients neighbours = Wiring.neighbours(settings);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            RunSnapshots runs = Wiring.runs(database, neighbours.directory(), neighbours.ledger(),
                    settings.schedulerConcurrency(), Clock.systemUTC(), background);
            RunSnapshots.RunRequest request = new RunSnapshots.RunRequest(
                    year == null ? JobType.SCHEDULED : JobType.MANUAL, period, chosen, "cli", "Archive CLI run");
            return dryRun ? printPlan(runs.plan(request)) : printRun(runs.run(request));
        } catch (RuntimeException e) {
            System.err.println("archive snapshots: " + e.getMessage());
            return 1;
        }
    }

    private static int printPlan(RunSnapshots.Plan plan) {
        System.out.println("Dry run for " + plan.period() + ": " + plan.companies().size() + " company(ies)");
        for (RunSnapshots.PlannedCompany c : plan.companies()) {
            System.out.println("  " + c.account() + "  " + (c.name() == null ? "" : c.name())
                    + (c.archivedInvoice() == null ? "  -> would ask Ledger to archive"
                    : "  -> already archived as " + c.archivedInvoice()));
        }
        return 0;
    }

    private static int printRun(SnapshotJob job) {
        System.out.println("Job " + job.id() + " for " + job.target() + ": " + job.status().code() + " ("
                + job.successCount() + " succeeded, " + job.failedCount() + " failed)");
        job.outcomes().stream().filter(o -> !o.success())
                .forEach(o -> System.out.println("  FAILED " + o.account() + ": " + o.detail()));
        if (job.error() != null) {
            System.out.println("  " + job.error());
        }
        return job.status() == JobStatus.COMPLETED ? 0 : 1;
    }
}
