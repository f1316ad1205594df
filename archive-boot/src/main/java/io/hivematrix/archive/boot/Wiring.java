package io.hivematrix.archive.boot;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.hivematrix.archive.adapter.ledger.HttpCheckpointWitness;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.ledger.NeighbourSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.listener.ListenerProblems;
import io.hivematrix.archive.adapter.rest.listener.SlowClientGuard;
import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.adapter.rest.observe.Observability;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
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
        SnapshotStore snapshots = database.snapshotStore();
        return new ArchiveApi(
                new CreateSnapshotService(snapshots, snapshots, clock),
                new ReadSnapshotsService(snapshots, snapshots),
                new CompareBillsService(snapshots),
                new SearchSnapshotsService(snapshots),
                auditTrail(database, clock),
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
                new MonthlyReportService(database.monthlyTotals()));
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
    static LedgerClients neighbours(ArchiveSettings settings) {
        return LedgerClients.create(new NeighbourSettings(settings.codexUrl(), settings.ledgerUrl(),
                settings.coreServiceUrl(), NeighbourSettings.DEFAULT_CALL_TIMEOUT,
                NeighbourSettings.DEFAULT_CONNECT_TIMEOUT));
    }

    /** The monthly run over the given neighbours; {@code background} runs started jobs. */
    static RunSnapshotsService runs(PostgresDatabase database, CompanyDirectory codex, LedgerGateway ledger,
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

    static ManageScheduleService schedule(PostgresDatabase database, ScheduleTrigger trigger, Clock clock) {
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

    static AuditTrailService auditTrail(PostgresDatabase database, Clock clock) {
        return new AuditTrailService(database.auditLog(), database.logTree(), clock);
    }

    static WebServer server(ArchiveSettings settings, ArchiveApi api) {
        return server(settings, api, Observability.basic(api.healthChecks()));
    }

    static WebServer server(ArchiveSettings settings, ArchiveApi api, Observability observability) {
        return serverConfig(settings)
                // On stop, requests in flight get this long to finish after the listener stops accepting.
                .shutdownGracePeriod(settings.shutdownGrace())
                .routing(routing -> ArchiveHttp.routing(routing, api, observability, settings.allowedOrigins())).build();
    }

    /**
     * The listener, without routes: address, port, socket options, and the limits that keep one client from costing
     * the server more than its share (docs/configuration.md, "Limits"; the reasons for each default are in application.yaml).
     */
    static WebServerConfig.Builder serverConfig(ArchiveSettings settings) {
        // Helidon's idle timeout only reaches connections waiting for their next request line; the guard bounds the
        // rest: silent new connections, trickled heads and bodies, responses the client stopped reading.
        SlowClientGuard guard = new SlowClientGuard(settings.readTimeout(),
                settings.idleTimeout().plus(settings.idleCheckPeriod()));
        return WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Without TCP_NODELAY, Nagle's algorithm holds back the tail of a multi-segment response (a snapshot
                // is ~8 KB) until the client's delayed ACK: ~40 ms each (measured: 174 GETs/s before, ~4,000 after).
                .connectionOptions(guard.watching(SocketOptions.builder().tcpNoDelay(true).build()))
                .maxTcpConnections(settings.maxConnections())
                // No maxConcurrentRequests: over HTTP/1.1 a connection carries one request at a time, so the
                // connection limit bounds requests too, and a fixed request limit would answer bursts the database
                // pool absorbs with an immediate 503.
                // The REST adapter enforces the same limit; here it also covers every other route, and a declared
                // Content-Length over it is refused before a byte of the body is read.
                .maxPayloadSize(settings.maxBodyBytes())
                .idleConnectionTimeout(settings.idleTimeout())
                .idleConnectionPeriod(settings.idleCheckPeriod())
                .directHandlers(ListenerProblems.handlers(settings.maxBodyBytes(), settings.maxRequestLineBytes(),
                        settings.maxHeaderBytes()))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(settings.maxRequestLineBytes())
                        .maxHeadersSize(settings.maxHeaderBytes())
                        .addReceiveListener(guard.requests())
                        .addSendListener(guard.responses())
                        .build());
    }
}
