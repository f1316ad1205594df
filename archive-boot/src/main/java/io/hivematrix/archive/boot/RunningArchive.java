package io.hivematrix.archive.boot;

import io.hivematrix.archive.keyfiles.LogKeyFile;
import io.helidon.webserver.WebServer;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.metrics.MeteredCreateSnapshot;
import io.hivematrix.archive.adapter.metrics.MeteredJobStore;
import io.hivematrix.archive.adapter.metrics.MeteredLedgerGateway;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.ReadReplica;
import io.hivematrix.archive.adapter.postgres.RuntimeRole;
import io.hivematrix.archive.adapter.postgres.ServerDurability;
import io.hivematrix.archive.adapter.quartz.QuartzSchedule;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.in.RunLifecycle;
import io.hivematrix.archive.adapter.rest.observe.BufferedRequestLog;
import io.hivematrix.archive.application.service.CutCheckpointService;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.domain.NoteKey;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** A started Archive: database, neighbours, schedule, sealer and web server; stops them in reverse order. */
public final class RunningArchive implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunningArchive.class.getName());
    /** How often a cluster member reports alive; a silent one's fires are taken over after about this long. */
    private static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(15);
    /**
     * A running job that made no progress for this long was left by an instance that stopped: one
     * company takes at most 4 calls of 30 s plus back-off, far less than this.
     */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
    /** The longest the sealer waits while it finds nothing to seal (creates elsewhere, by another instance). */
    private static final Duration SEALER_IDLE = Duration.ofSeconds(15);
    /** How often the heap is looked at for a compaction after load (a quiet look, then another, then it runs). */
    private static final Duration IDLE_HEAP_LOOK = Duration.ofSeconds(5);
    /** How long a request's log line may wait in the buffer. */
    private static final Duration REQUEST_LOG_FLUSH = Duration.ofMillis(250);
    /** How often the read replica's lag is measured (and reads moved to the primary, or back). */
    private static final Duration REPLICA_CHECK = Duration.ofSeconds(1);
    /** How often an instance looks whether a checkpoint is due. */
    private static final Duration CHECKPOINT_LOOK = Duration.ofSeconds(5);

    private final List<AutoCloseable> stopInOrder;
    private final WebServer server;
    private final String host;
    private final Drain drain;

    /** The first steps of a graceful stop, taken before the parts are closed in reverse order of their start. */
    private record Drain(Operations operations, QuartzSchedule quartz, RunLifecycle runs,
                         ExecutorService jobRunner, Duration grace) {
    }

    private RunningArchive(WebServer server, String host, List<AutoCloseable> stopInOrder, Drain drain) {
        this.server = server;
        this.host = host;
        this.stopInOrder = stopInOrder;
        this.drain = drain;
    }

    /**
     * The database as the service needs it: the server started (embedded) or reached, migrated, the pool open and
     * the role checked; the parts in the order they were opened, newest first.
     */
    private record ReadyDatabase(List<AutoCloseable> opened, PostgresDatabase database, RuntimeRole.Report role,
                                 ServerDurability durability, Optional<ReadReplica> replica) {
        /** Closes what was opened, newest first (a start that failed later). */
        void close() {
            stopAll(opened);
        }
    }

    /** Opens (or starts) the database, applies migrations, then starts the schedule, the sealer and the server. */
    public static RunningArchive start(ArchiveSettings settings) {
        // Getting the database ready (starting the embedded server, migrating, opening the pool) is about half of a
        // start and mostly waits on PostgreSQL: it runs on a thread of its own while this one builds the parts that
        // do not need it. A failure on either side closes what the other opened.
        CompletableFuture<ReadyDatabase> preparing = new CompletableFuture<>();
        Thread.ofPlatform().name("archive-start-database").start(() -> {
            try {
                preparing.complete(prepareDatabase(settings));
            } catch (Throwable t) {
                preparing.completeExceptionally(t);
            }
        });
        List<AutoCloseable> started = new ArrayList<>();
        LedgerClients neighbours = null;
        boolean neighboursHandedOver = false;
        try {
            neighbours = Wiring.neighbours(settings);
            NoteKey.Signer logKey = LogKeyFile.loadOrCreate(settings.logKey(), settings.logOrigin());
            var tokenVerifier = Wiring.tokenVerifier(settings);
            ReadyDatabase ready = await(preparing);
            started.addAll(ready.opened());
            PostgresDatabase database = ready.database();
            Clock clock = Clock.systemUTC();
            var audit = Wiring.auditTrail(database, clock);
            Operations operations = new Operations(audit, settings.auditSealInterval(), clock);
            started.addFirst(operations);
            operations.durability(ready.durability());
            operations.databaseRole(ready.role(), settings.allowOwnerRole());
            BufferedRequestLog requestLog = settings.logRequests() ? new BufferedRequestLog(System.err) : null;
            if (requestLog != null) {
                started.addFirst(requestLog); // closed after the server, so the last requests' lines are written
            }
            operations.gauges(database);
            ready.replica().ifPresent(operations::replica);
            started.addFirst(neighbours); // closed with the rest from here on
            neighboursHandedOver = true;
            ExecutorService jobRunner = Executors.newVirtualThreadPerTaskExecutor();
            started.addFirst(jobRunner::shutdownNow);
            RunSnapshotsService runs = Wiring.runs(database, new MeteredJobStore(database.jobStore(), operations.meters()),
                    neighbours.directory(), new MeteredLedgerGateway(neighbours.ledger(), operations.meters()),
                    settings.schedulerConcurrency(), clock, jobRunner);
            QuartzSchedule quartz = QuartzSchedule.start(database.dataSource(), runs,
                    () -> database.scheduleStore().load(ZoneId.systemDefault()).policy(), clock, instanceName(),
                    CLUSTER_CHECKIN);
            started.addFirst(quartz);
            LOG.log(Level.INFO, "Transparency log " + settings.logOrigin() + ": checkpoints signed with "
                    + settings.logKey() + ", verifier key " + logKey.verifierKey());
            CutCheckpointService checkpoints = Wiring.checkpoints(settings, database, logKey, clock);
            BackgroundTasks background = new BackgroundTasks(fatal -> exitForRestart());
            // Looked at more often than cut while the log grows (a cut is due one interval after the last, whoever
            // made it); while nothing is sealed, once an interval.
            Runnable wakeCheckpoints = background.whileBusy(min(settings.checkpointInterval(), CHECKPOINT_LOOK),
                    settings.checkpointInterval(), "checkpoints", () -> checkpoints.cut().isPresent() ? 1 : 0);
            // Seals every interval while there is work, and backs off while there is none (an idle service polls
            // the database every few seconds, not four times a second); this instance's creates wake it at once.
            IntSupplier sealer = operations.sealer();
            Runnable wakeSealer = background.whileBusy(settings.auditSealInterval(),
                    max(settings.auditSealInterval(), SEALER_IDLE), "audit sealing", () -> {
                        int sealed = sealer.getAsInt();
                        if (sealed > 0) {
                            wakeCheckpoints.run(); // the log grew: a checkpoint will be due
                        }
                        return sealed;
                    });
            background
                    .every(Duration.ofMinutes(1), "abandoned-job check", () -> runs.failAbandoned(ABANDONED_AFTER));
            if (requestLog != null) {
                // A quarter second after the first line of a burst, and at that pace while lines come; once they
                // stop it backs off to a look a minute, and the next first line wakes it.
                requestLog.onFirstLine(background.whileBusy(REQUEST_LOG_FLUSH, Duration.ofMinutes(1),
                        "request log flush", requestLog::flushed));
            }
            ready.replica().ifPresent(replica -> background.every(REPLICA_CHECK, "replica check", replica::check));
            started.addFirst(background);
            ArchiveApi api = Wiring.api(database, ready.replica(), clock, tokenVerifier, settings.snapshotWriters(),
                    settings.listener().maxBodyBytes(), settings.auditSealInterval(), runs, Wiring.schedule(database, quartz, clock),
                    Wiring.exportLimits(settings), logKey);
            CreateSnapshot metered = new MeteredCreateSnapshot(api.createSnapshot(), operations.meters());
            api = api.withCreateSnapshot(command -> {
                CreateSnapshotResult result = metered.create(command);
                wakeSealer.run();
                return result;
            });
            WebServer server = Wiring.server(settings, api, operations.observability(database::isAvailable,
                    quartz::isRunning, background::stalled, settings.logRequests())).start();
            started.addFirst(server::stop);
            if (!server.isRunning() || server.port() < 0) {
                // Helidon logs a listener that cannot bind and carries on; a service that cannot listen must exit,
                // so that systemd (Restart=on-failure) or an operator sees it.
                throw new IllegalStateException("could not listen on " + settings.listener().host() + ":" + settings.listener().port()
                        + " (in use by another process?)");
            }
            compactAfterStart();
            // And after each burst of load that grew the heap, once it is over (see IdleHeapCompactor).
            background.every(IDLE_HEAP_LOOK, "idle heap compaction", IdleHeapCompactor.forThisJvm());
            return new RunningArchive(server, settings.listener().host(), started,
                    new Drain(operations, quartz, runs, jobRunner, settings.shutdownGrace()));
        } catch (RuntimeException e) {
            if (neighbours != null && !neighboursHandedOver) {
                closeQuietly(neighbours);
            }
            if (started.isEmpty()) {
                // Failed before the database was taken over: it may still be starting; close it once it is ready.
                try {
                    await(preparing).close();
                } catch (RuntimeException ignored) {
                    // It failed too, and closed what it had opened itself.
                }
            }
            stopAll(started);
            throw e;
        }
    }

    /**
     * Collects start-up's garbage once, before the first request: migrations parsed, the embedded server's binaries
     * unpacked, the wiring's temporaries. Without it the serial collector keeps the heap it grew while starting (about
     * 90 MB measured on a first start, 20 MB of it live) until a full collection that may not come for hours; with
     * it, the heap shrinks to what serving needs (jvm.options' MaxHeapFreeRatio). About 40 ms, once.
     */
    @SuppressWarnings("java:S1215") // a deliberate, single explicit collection; see above
    private static void compactAfterStart() {
        System.gc();
    }

    /** Opens (or starts) the database, migrates it, opens the pool and checks the role; closes all on a failure. */
    private static ReadyDatabase prepareDatabase(ArchiveSettings settings) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ArchiveDatabase database = ArchiveDatabase.open(settings);
            opened.addFirst(database);
            database.supervise(RunningArchive::exitForRestart).ifPresent(opened::addFirst);
            DatabaseRoles roles = database.roles();
            if (!roles.separate()) {
                // One role migrates and serves: a superuser is refused before it creates (and so owns) anything.
                try (PostgresDatabase single = PostgresDatabase.connect(roles.runtime(), 1)) {
                    checkRole(single, settings);
                }
            }
            int applied = database.migrate();
            if (applied > 0) {
                LOG.log(Level.INFO, "Applied " + applied + " database migration(s)");
            }
            PostgresDatabase pool = Wiring.database(settings, database);
            opened.addFirst(pool);
            RuntimeRole.Report role = checkRole(pool, settings);
            Optional<ReadReplica> replica = Wiring.readReplica(settings, roles, pool);
            replica.ifPresent(opened::addFirst);
            return new ReadyDatabase(opened, pool, role, checkDurability(pool), replica);
        } catch (RuntimeException e) {
            stopAll(opened);
            throw e;
        }
    }

    /** The outcome of {@code future}: its value, or what it threw (a RuntimeException as itself). */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the database was being prepared", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Refuses to serve as a role that could rewrite the archive (a superuser, or one that owns its tables and so may
     * disable their guards), unless ARCHIVE_ALLOW_OWNER_ROLE=true says so, which is logged at WARN.
     */
    private static RuntimeRole.Report checkRole(PostgresDatabase database, ArchiveSettings settings) {
        RuntimeRole.Report role = database.role();
        if (!role.tooPowerful()) {
            LOG.log(Level.INFO, "Serving as database role " + role.role() + ", which owns nothing");
            return role;
        }
        String what = "database role " + role.role() + " is " + (role.superuser() ? "a superuser" : "the owner of "
                + "the archive's tables") + ": it could disable the guards and rewrite archived bills";
        if (!settings.allowOwnerRole()) {
            throw new StartRefusedException("the " + what + ". Run the service as a role that owns nothing "
                    + "(ARCHIVE_DB_USER) and migrations as the owner (ARCHIVE_MIGRATE_DB_USER); see docs/security.md, "
                    + "\"Two roles, enforced\". ARCHIVE_ALLOW_OWNER_ROLE=true starts anyway.");
        }
        LOG.log(Level.WARNING, "ARCHIVE_ALLOW_OWNER_ROLE=true: serving although the " + what);
        return role;
    }

    /** Reads what a commit is worth on this server, and says so at WARN when any setting trades safety for speed. */
    private static ServerDurability checkDurability(PostgresDatabase database) {
        ServerDurability durability = database.durability();
        for (String weak : durability.weakened()) {
            LOG.log(Level.WARNING, "The database runs with " + weak + ": a bill acknowledged with 201 can be lost"
                    + (weak.startsWith("fsync") ? ", and the whole database corrupted," : "")
                    + " by a power cut or an OS crash. Set it on in postgresql.conf (or for Archive's role).");
        }
        if (durability.durable()) {
            LOG.log(Level.INFO, "Database durability: " + durability.settings());
        }
        return durability;
    }

    /**
     * Archive cannot go on (its embedded database could not be brought back, or a background task hit an Error):
     * exit non-zero, on a thread of its own since exiting runs the shutdown hooks, which stop the part that calls
     * this, so that systemd's Restart=on-failure starts Archive again.
     */
    private static void exitForRestart() {
        Thread.ofPlatform().name("archive-exit").start(() -> System.exit(1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Unique per process, readable in Quartz's cluster table. */
    private static String instanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public int port() {
        return server.port();
    }

    /** Where the service listens, for the start-up log. */
    public String url() {
        return "http://" + host + ":" + server.port();
    }

    /**
     * Stops gracefully, each step bounded by the grace period: readiness turns DOWN (balancers stop sending), the
     * schedule fires nothing more, running jobs finish the Ledger calls already made and ask no one else (Ledger's
     * answers still reach this server), then the listener stops accepting and lets requests in flight finish, and
     * the schedule, neighbours, pool and database close.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        drain.operations().stopping();
        try {
            drain.quartz().pause();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not pause the schedule", e);
        }
        drain.runs().stopAsking();
        long deadline = System.nanoTime() + drain.grace().toNanos();
        drain.jobRunner().shutdown();
        // A scheduled fire runs on Quartz's own thread: stopping Quartz waits for it, so that too happens while
        // the listener still takes Ledger's answers, and within the same grace period.
        Thread quartzStop = Thread.ofVirtual().name("archive-quartz-stop").start(() -> closeQuietly(drain.quartz()));
        try {
            boolean jobsDone = drain.jobRunner().awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS);
            boolean fireDone = quartzStop.join(Duration.ofNanos(Math.max(1, remaining(deadline))));
            if (!jobsDone || !fireDone) {
                LOG.log(Level.WARNING, "a snapshot job did not finish within " + drain.grace().toSeconds()
                        + " s; it is cut off (the abandoned-job check or a retry will finish it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAll(stopInOrder);
        LOG.log(Level.INFO, "Archive stopped in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "a part of Archive did not stop cleanly", e);
        }
    }

    /** Closes each part, newest first; Quartz may be closed again here, which it ignores. */
    private static void stopAll(List<AutoCloseable> newestFirst) {
        newestFirst.forEach(RunningArchive::closeQuietly);
    }
}
