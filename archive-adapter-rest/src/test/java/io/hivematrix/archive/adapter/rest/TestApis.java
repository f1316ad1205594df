package io.hivematrix.archive.adapter.rest;

import io.hivematrix.archive.testkit.FakeCompanyDirectory;
import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemoryMonthlyTotals;
import io.hivematrix.archive.application.port.in.ProveLog;
import io.hivematrix.archive.application.service.ProveLogService;
import io.hivematrix.archive.domain.NoteKey;
import java.security.SecureRandom;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.testkit.InMemoryScheduleStore;
import io.hivematrix.archive.testkit.RecordingScheduleTrigger;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.application.service.CompareBillsService;
import io.hivematrix.archive.application.service.ListJobsService;
import io.hivematrix.archive.application.service.ManageScheduleService;
import io.hivematrix.archive.application.service.MonthlyReportService;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.application.service.RunSettings;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.service.CreateSnapshotService;
import io.hivematrix.archive.application.service.ListJobsService;
import io.hivematrix.archive.application.service.ManageScheduleService;
import io.hivematrix.archive.application.service.ProveLogService;
import io.hivematrix.archive.application.service.ReadSnapshotsService;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.application.service.SearchSnapshotsService;
import io.hivematrix.archive.domain.NoteKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;

/** Wires the real use cases over an in-memory store, as boot wires them over PostgreSQL. */
public final class TestApis {
    private TestApis() {
    }

    public static ArchiveApi over(InMemorySnapshotStore store, Clock clock, TokenVerifier tokens,
                           List<HealthCheck> checks, long maxBodyBytes) {
        return over(store, new InMemoryJobStore(), new FakeCompanyDirectory().add("620547", "Acme Corp"),
                new FakeLedger(null, 0), RetryPolicy.DEFAULT, clock, tokens, checks, maxBodyBytes);
    }

    /** Runs jobs against the given Codex and Ledger fakes, storing them in {@code jobs}, with quick retries. */
    public static ArchiveApi over(InMemorySnapshotStore store, InMemoryJobStore jobs, FakeCompanyDirectory codex,
                           FakeLedger ledger, TokenVerifier tokens) {
        return over(store, jobs, codex, ledger, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                Clock.systemUTC(), tokens, List.of(), ArchiveApi.DEFAULT_MAX_BODY_BYTES);
    }

    private static ArchiveApi over(InMemorySnapshotStore store, InMemoryJobStore jobs, FakeCompanyDirectory codex,
                                   FakeLedger ledger, RetryPolicy retry, Clock clock, TokenVerifier tokens,
                                   List<HealthCheck> checks, long maxBodyBytes) {
        InMemoryAuditLog audit = new InMemoryAuditLog(store);
        return over(store, audit, new ProveLogService(new InMemoryLogTree(audit, store), LOG_KEY.verifierKey()), jobs,
                codex, ledger, retry, clock, tokens, checks, maxBodyBytes);
    }

    /** A log key for tests: any will do, the routes only pass its verifier on. */
    public static final NoteKey.Signer LOG_KEY = NoteKey.signer(NoteKey.generate("archive.test/log", new SecureRandom()));

    /** Seals through {@code audit} and proves through {@code prove}, so a test can cut checkpoints in between. */
    public static ArchiveApi over(InMemorySnapshotStore store, InMemoryAuditLog audit, ProveLog prove, TokenVerifier tokens) {
        return over(store, audit, prove, new InMemoryJobStore(), new FakeCompanyDirectory(), new FakeLedger(null, 0),
                RetryPolicy.DEFAULT, Clock.systemUTC(), tokens, List.of(), ArchiveApi.DEFAULT_MAX_BODY_BYTES);
    }

    private static ArchiveApi over(InMemorySnapshotStore store, InMemoryAuditLog audit, ProveLog prove,
                                   InMemoryJobStore jobs, FakeCompanyDirectory codex, FakeLedger ledger,
                                   RetryPolicy retry, Clock clock, TokenVerifier tokens, List<HealthCheck> checks,
                                   long maxBodyBytes) {
        InMemoryScheduleStore schedule = new InMemoryScheduleStore();
        RunSnapshotsService runs = new RunSnapshotsService(codex, ledger, store, jobs, schedule, clock,
                new RunSettings(ZoneId.of("UTC"), 4, retry), Executors.newVirtualThreadPerTaskExecutor());
        return new ArchiveApi(new CreateSnapshotService(store, store, clock),
                new ReadSnapshotsService(store, store), new CompareBillsService(store), new SearchSnapshotsService(store),
                new AuditTrailService(audit, new InMemoryLogTree(audit, store), clock), prove,
                new ManageScheduleService(schedule, new RecordingScheduleTrigger(), clock, ZoneId.of("UTC")),
                new ListJobsService(jobs), runs, Duration.ofSeconds(1), tokens, ArchiveApi.DEFAULT_SNAPSHOT_WRITERS,
                checks, maxBodyBytes, failure -> false, new MonthlyReportService(new InMemoryMonthlyTotals(store)));
    }

    public static ArchiveApi over(InMemorySnapshotStore store, TokenVerifier tokens) {
        return over(store, Clock.systemUTC(), tokens, List.of(), ArchiveApi.DEFAULT_MAX_BODY_BYTES);
    }
}
