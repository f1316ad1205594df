package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import io.helidon.webserver.WebServer;
import io.hivematrix.archive.adapter.ledger.DirectoryWitness;
import io.hivematrix.archive.adapter.ledger.HttpCheckpointWitness;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.ledger.NeighbourSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.ReadReplica;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.adapter.rest.observe.Observability;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.application.service.CompareBillsService;
import io.hivematrix.archive.application.service.CreateSnapshotService;
import io.hivematrix.archive.application.service.CutCheckpointService;
import io.hivematrix.archive.application.service.ListJobsService;
import io.hivematrix.archive.application.service.ManageScheduleService;
import io.hivematrix.archive.application.service.MonthlyReportService;
import io.hivematrix.archive.application.service.ProveLogService;
import io.hivematrix.archive.application.service.ReadSnapshotsService;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.application.service.RunSettings;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.application.service.SearchSnapshotsService;
import io.hivematrix.archive.domain.NoteKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/** Connects adapters to use cases: small factory methods, no logic of its own. */
public final class Wiring {
    private Wiring() {
    }

    /** Core's published keys when CORE_SERVICE_URL is set, the data directory's dev key with ARCHIVE_AUTH=dev. */
    static TokenVerifier tokenVerifier(ArchiveSettings settings) {
        if (settings.coreServiceUrl().isPresent()) {
            return TokenVerifier.forCore(settings.coreServiceUrl().get());
        }
        String problem = settings.authProblem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return TokenVerifier.forKeys(DevSigningKey.loadOrCreate(settings.dataDir()).publicKeys(),
                DevSigningKey.MAX_LIFETIME);
    }

    /**
     * Everything the HTTP adapter needs, over the given database; {@code exports} should admit no more exports at
     * once than the database has export connections (see {@link #database}).
     */
    public static ArchiveApi api(PostgresDatabase database, Clock clock, TokenVerifier tokens,
                                 Set<String> snapshotWriters, long maxBodyBytes, Duration sealInterval,
                                 RunSnapshots runs, ManageSchedule schedule, ExportLimits exports,
                                 NoteKey.Signer logKey) {
        return api(database, Optional.empty(), clock, tokens, snapshotWriters, maxBodyBytes, sealInterval, runs,
                schedule, exports, logKey);
    }

    /**
     * As above, with reads on a streaming replica when one is given: reading, comparing and searching bills, the
     * monthly report and the audit routes (head, verify) read from it while it serves; creates (and their
     * idempotency and duplicate checks), proofs, jobs and the schedule stay on the primary.
     */
    public static ArchiveApi api(PostgresDatabase database, Optional<ReadReplica> replica, Clock clock,
                                 TokenVerifier tokens, Set<String> snapshotWriters, long maxBodyBytes,
                                 Duration sealInterval, RunSnapshots runs, ManageSchedule schedule,
                                 ExportLimits exports, NoteKey.Signer logKey) {
        SnapshotStore snapshots = database.snapshotStore();
        SnapshotStore reads = replica.<SnapshotStore>map(ReadReplica::snapshotStore).orElse(snapshots);
        return new ArchiveApi(
                new CreateSnapshotService(snapshots, snapshots, clock),
                new ReadSnapshotsService(reads, reads),
                new CompareBillsService(reads),
                new SearchSnapshotsService(reads),
                replica.map(r -> readAuditTrail(r, clock)).orElseGet(() -> auditTrail(database, clock)),
                new ProveLogService(database.logTree(), logKey.verifierKey()),
                schedule,
                new ListJobsService(database.jobStore()),
                runs,
                sealInterval,
                tokens,
                snapshotWriters,
                List.of(HealthCheck.of("database", database::isAvailable)),
                maxBodyBytes,
                PostgresDatabase::isUnreachable,
                exports,
                new MonthlyReportService(replica.<MonthlyTotals>map(ReadReplica::monthlyTotals)
                        .orElseGet(database::monthlyTotals)));
    }

    /**
     * The audit routes' trail (head and verify) on whichever database reads go to when each call begins: one call
     * reads one database from start to end, never a chain begun on one and ended on the other (a replica lost
     * meanwhile hands the whole call to the primary). It never seals: the sealer writes, on the primary.
     */
    private static AuditTrail readAuditTrail(ReadReplica replica, Clock clock) {
        return new AuditTrail() {
            @Override
            public int sealPending() {
                throw new UnsupportedOperationException("the audit routes only read; the sealer seals on the primary");
            }

            @Override
            public AuditHead head() {
                return replica.withReads(database -> auditTrail(database, clock).head());
            }

            @Override
            public Verification verify(List<Checkpoint> checkpoints) {
                return replica.withReads(database -> auditTrail(database, clock).verify(checkpoints));
            }
        };
    }

    /** The streaming replica {@code ARCHIVE_DB_READ_URL} names, opened and checked once, beside {@code primary}. */
    static Optional<ReadReplica> readReplica(ArchiveSettings settings, DatabaseRoles roles, PostgresDatabase primary) {
        return DatabaseRoles.readReplica(settings, roles).map(replica -> ReadReplica.open(primary, replica,
                settings.maxConcurrentExports(), settings.dbReadMaxLag()));
    }

    /** The database the service runs on: its request pool, and an export pool for as many exports as may run. */
    static PostgresDatabase database(ArchiveSettings settings, ArchiveDatabase opened) {
        return PostgresDatabase.connect(opened.roles().runtime(), settings.maxConcurrentExports());
    }

    /** The export limits the settings name, at the documented minimum pace. */
    static ExportLimits exportLimits(ArchiveSettings settings) {
        return ExportLimits.of(settings.maxConcurrentExports());
    }

    /** Codex, Ledger and Core clients; calls fail with "not configured" where a URL is missing. */
    public static LedgerClients neighbours(ArchiveSettings settings) {
        return LedgerClients.create(new NeighbourSettings(settings.codexUrl(), settings.ledgerUrl(),
                settings.coreServiceUrl(), NeighbourSettings.DEFAULT_CALL_TIMEOUT,
                NeighbourSettings.DEFAULT_CONNECT_TIMEOUT));
    }

    /** The monthly run over the given neighbours; {@code background} runs started jobs. */
    public static RunSnapshotsService runs(PostgresDatabase database, CompanyDirectory codex, LedgerGateway ledger,
                                    int concurrency, Clock clock, ExecutorService background) {
        return runs(database, database.jobStore(), codex, ledger, concurrency, clock, background);
    }

    /** As above, keeping jobs in {@code jobs} (the database's job store, decorated, e.g. with metrics). */
    static RunSnapshotsService runs(PostgresDatabase database, JobStore jobs, CompanyDirectory codex,
                                    LedgerGateway ledger, int concurrency, Clock clock, ExecutorService background) {
        return new RunSnapshotsService(codex, ledger, database.snapshotStore(), jobs,
                database.scheduleStore(), clock, new RunSettings(ZoneId.systemDefault(), concurrency, RetryPolicy.DEFAULT),
                background);
    }

    public static ManageScheduleService schedule(PostgresDatabase database, ScheduleTrigger trigger, Clock clock) {
        return new ManageScheduleService(database.scheduleStore(), trigger, clock, ZoneId.systemDefault());
    }

    /**
     * Cuts the log's checkpoints over the given database, signed with {@code logKey}, offering each to a directory and
     * a witness URL when the settings name them.
     */
    static CutCheckpointService checkpoints(ArchiveSettings settings, PostgresDatabase database, NoteKey.Signer logKey,
                                            Clock clock) {
        List<CheckpointWitness> witnesses = new ArrayList<>();
        settings.checkpointDir().ifPresent(dir -> witnesses.add(new DirectoryWitness(dir)));
        settings.witnessUrl().ifPresent(url -> witnesses.add(new HttpCheckpointWitness(url,
                ArchiveSettings.masked(url.toString()))));
        return new CutCheckpointService(database.logTree(), settings.logOrigin(), logKey,
                settings.checkpointInterval(), witnesses, clock);
    }

    /** The audit chain over the given database, as its port (the commands verify through it). */
    public static AuditTrail auditTrail(PostgresDatabase database, Clock clock) {
        return new AuditTrailService(database.auditLog(), database.logTree(), clock);
    }

    static WebServer server(ArchiveSettings settings, ArchiveApi api) {
        return server(settings, api, Observability.basic(api.healthChecks()));
    }

    static WebServer server(ArchiveSettings settings, ArchiveApi api, Observability observability) {
        return settings.listener().serverConfig()
                // On stop, requests in flight get this long to finish after the listener stops accepting.
                .shutdownGracePeriod(settings.shutdownGrace())
                .routing(routing -> ArchiveHttp.routing(routing, api, observability, settings.allowedOrigins())).build();
    }
}
