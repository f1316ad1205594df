package io.hivematrix.archive.adapter.rest;

import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.application.port.in.CompareBills;
import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.ListJobs;
import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.application.port.in.MonthlyReport;
import io.hivematrix.archive.application.port.in.ProveLog;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.in.SearchSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the HTTP adapter needs from the rest of the system: the in-ports it calls, how it authenticates
 * callers, the health checks it reports, and its own limits.
 *
 * @param sealInterval    how soon after commit a snapshot joins the audit chain (reported, not enforced here)
 * @param snapshotWriters services allowed to create snapshots ({@code ARCHIVE_SNAPSHOT_WRITERS})
 * @param maxBodyBytes    requests with a larger body are refused with 413
 * @param unreachable     whether a failure means the store could not be reached (answered 503, try later)
 * @param exportLimits    how many CSV exports stream at once, and how fast their clients must read
 * @param monthlyReport   what was billed per period, for the reports
 */
public record ArchiveApi(CreateSnapshot createSnapshot, ReadSnapshots readSnapshots, CompareBills compareBills,
                         SearchSnapshots searchSnapshots, AuditTrail auditTrail, ProveLog proveLog,
                         ManageSchedule schedule, ListJobs jobs, RunSnapshots runs,
                         Duration sealInterval, TokenVerifier tokens, Set<String> snapshotWriters,
                         List<HealthCheck> healthChecks, long maxBodyBytes, Predicate<Throwable> unreachable,
                         ExportLimits exportLimits, MonthlyReport monthlyReport) {
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final Set<String> DEFAULT_SNAPSHOT_WRITERS = Set.of("ledger");

    public ArchiveApi {
        Objects.requireNonNull(createSnapshot, "createSnapshot");
        Objects.requireNonNull(readSnapshots, "readSnapshots");
        Objects.requireNonNull(compareBills, "compareBills");
        Objects.requireNonNull(searchSnapshots, "searchSnapshots");
        Objects.requireNonNull(auditTrail, "auditTrail");
        Objects.requireNonNull(proveLog, "proveLog");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(sealInterval, "sealInterval");
        Objects.requireNonNull(tokens, "tokens");
        snapshotWriters = Set.copyOf(snapshotWriters);
        healthChecks = List.copyOf(healthChecks);
        Objects.requireNonNull(unreachable, "unreachable");
        Objects.requireNonNull(exportLimits, "exportLimits");
        Objects.requireNonNull(monthlyReport, "monthlyReport");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** As above, with the default export limits. */
    public ArchiveApi(CreateSnapshot createSnapshot, ReadSnapshots readSnapshots, CompareBills compareBills,
                      SearchSnapshots searchSnapshots, AuditTrail auditTrail, ProveLog proveLog,
                      ManageSchedule schedule, ListJobs jobs, RunSnapshots runs,
                      Duration sealInterval, TokenVerifier tokens, Set<String> snapshotWriters,
                      List<HealthCheck> healthChecks, long maxBodyBytes, Predicate<Throwable> unreachable,
                      MonthlyReport monthlyReport) {
        this(createSnapshot, readSnapshots, compareBills, searchSnapshots, auditTrail,
                proveLog, schedule, jobs, runs, sealInterval, tokens, snapshotWriters, healthChecks, maxBodyBytes, unreachable,
                ExportLimits.DEFAULT, monthlyReport);
    }

    /** The same API with another create use case (e.g. one that also counts outcomes). */
    public ArchiveApi withCreateSnapshot(CreateSnapshot other) {
        return new ArchiveApi(other, readSnapshots, compareBills, searchSnapshots, auditTrail, proveLog, schedule, jobs, runs,
                sealInterval, tokens, snapshotWriters, healthChecks, maxBodyBytes,
                unreachable, exportLimits, monthlyReport);
    }
}
