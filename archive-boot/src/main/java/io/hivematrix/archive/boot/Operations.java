package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.metrics.ArchiveMeters;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.ReadReplica;
import io.hivematrix.archive.adapter.postgres.RuntimeRole;
import io.hivematrix.archive.adapter.postgres.ServerDurability;
import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.adapter.rest.observe.Observability;
import io.hivematrix.archive.adapter.rest.observe.SealLag;
import io.hivematrix.archive.application.port.in.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The operations side of a running Archive, put together: its meters and the gauges read at each scrape, and the
 * readiness checks (database, scheduler, seal lag, not stopping, durability, role).
 */
final class Operations implements AutoCloseable {
    private final ArchiveMeters meters = new ArchiveMeters();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final SealLag sealLag;
    private volatile ServerDurability durability;
    private volatile RuntimeRole.Report role;
    private volatile boolean ownerRoleAllowed;
    /** Set before {@link #observability} is asked for, when a read replica is configured. */
    private volatile ReadReplica replica;

    Operations(AuditTrail audit, Duration sealInterval, Clock clock) {
        this.sealLag = new SealLag(audit, sealInterval, clock);
    }

    ArchiveMeters meters() {
        return meters;
    }

    /** The sealer, remembering when it last sealed everything that was waiting (seal lag counts from there). */
    IntSupplier sealer() {
        return sealLag.sealer();
    }

    /** Shutdown has begun: readiness turns DOWN at once so balancers stop sending new requests. */
    void stopping() {
        stopping.set(true);
    }

    /**
     * The durability settings of the server Archive writes to, read at start: shown by readiness (which stays UP
     * either way, since the service still works; it only promises less) and by a gauge.
     */
    void durability(ServerDurability reading) {
        this.durability = reading;
    }

    /**
     * The database role the service runs as, read at start: shown by readiness, which stays UP when it is too
     * powerful only because ARCHIVE_ALLOW_OWNER_ROLE=true let the service start.
     */
    void databaseRole(RuntimeRole.Report reading, boolean allowed) {
        this.role = reading;
        this.ownerRoleAllowed = allowed;
    }

    /** Pool usage and seal lag as gauges read at each scrape. */
    void gauges(PostgresDatabase database) {
        meters.gauge("archive.db.pool.active", "Database connections in use", "connections",
                () -> database.poolUsage().active());
        meters.gauge("archive.db.pool.idle", "Database connections open and idle", "connections",
                () -> database.poolUsage().idle());
        meters.gauge("archive.db.pool.max", "Largest size of the database pool", "connections",
                () -> database.poolUsage().max());
        meters.gauge("archive.db.pool.waiting", "Requests waiting for a database connection", "threads",
                () -> database.poolUsage().waiting());
        meters.gauge("archive.db.export.pool.active", "Export connections in use (CSV exports streaming)",
                "connections", () -> database.exportPoolUsage().active());
        meters.gauge("archive.db.export.pool.max", "Largest size of the export pool", "connections",
                () -> database.exportPoolUsage().max());
        meters.gauge("archive.audit.pending", "Snapshots committed but not yet sealed into the audit chain",
                "snapshots", () -> pendingOrNaN());
        meters.gauge("archive.db.durable", "1 when the database runs with fsync, synchronous_commit and "
                + "full_page_writes on for Archive's sessions (a 201 means the bill is on disk), 0 when any is off", null,
                () -> durability == null ? Double.NaN : durability.durable() ? 1 : 0);
        meters.gauge("archive.audit.seal.lag", "How long the oldest unsealed snapshot may have waited", "seconds",
                () -> {
                    double pending = pendingOrNaN();
                    return Double.isNaN(pending) ? Double.NaN : sealLag.seconds((long) pending);
                });
    }

    /**
     * The streaming replica reads go to: its lag and whether it serves as gauges, and a readiness check that stays
     * UP while it is degraded (the primary takes its reads) and says so.
     */
    void replica(ReadReplica reads) {
        this.replica = reads;
        meters.gauge("archive.db.replica.lag", "How far the read replica is behind the primary (NaN while it cannot "
                + "be asked)", "seconds", () -> reads.status().lagSeconds());
        meters.gauge("archive.db.replica.serving", "1 while reads go to the replica, 0 while the primary takes them "
                + "(replica unreachable, or behind by more than ARCHIVE_DB_READ_MAX_LAG_SECONDS)", null,
                () -> reads.status().serving() ? 1 : 0);
        meters.gauge("archive.db.replica.pool.active", "Replica connections in use", "connections",
                () -> reads.replicaPools().poolUsage().active());
        meters.gauge("archive.db.replica.pool.waiting", "Requests waiting for a replica connection", "threads",
                () -> reads.replicaPools().poolUsage().waiting());
    }

    private double pendingOrNaN() {
        try {
            return sealLag.pending();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is away: no reading, rather than a wrong one
        }
    }

    /** What the operations routes report, over these readiness checks and this process's meters. */
    Observability observability(BooleanSupplier databaseUp, BooleanSupplier schedulerRunning, boolean logRequests) {
        return observability(databaseUp, schedulerRunning, Map::of, logRequests);
    }

    /** As above, with the background tasks' health: DOWN while one is dead or has stalled (named with why). */
    Observability observability(BooleanSupplier databaseUp, BooleanSupplier schedulerRunning,
                                java.util.function.Supplier<Map<String, String>> stalledTasks, boolean logRequests) {
        List<HealthCheck> readiness = new ArrayList<>(List.of(
                HealthCheck.of("accepting", () -> !stopping.get()),
                HealthCheck.of("database", databaseUp),
                HealthCheck.of("scheduler", schedulerRunning),
                sealLag.check(),
                backgroundTasks(stalledTasks),
                durabilityCheck(),
                roleCheck()));
        ReadReplica reads = replica;
        if (reads != null) {
            readiness.add(replicaCheck(reads));
        }
        return new Observability(readiness, meters::scrape,
                (method, route, status, nanos) -> meters.request(method, route, status, nanos), logRequests);
    }

    private static HealthCheck backgroundTasks(java.util.function.Supplier<Map<String, String>> stalled) {
        return HealthCheck.reading("background", () -> {
            Map<String, String> now = stalled.get();
            return new HealthCheck.Reading(now.isEmpty(), new LinkedHashMap<>(now));
        });
    }

    /** Always UP: a server with fsync off still serves; readiness says what a 201 is worth on it. */
    private HealthCheck durabilityCheck() {
        return HealthCheck.reading("durability", () -> {
            ServerDurability reading = durability;
            if (reading == null) {
                return new HealthCheck.Reading(true, Map.of("durability", "unknown (not read yet)"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("durability", reading.describe());
            data.putAll(reading.settings());
            return new HealthCheck.Reading(true, data);
        });
    }

    /**
     * Always UP: a degraded replica costs the primary its reads, not the service its answers. Says where reads go,
     * how far behind the replica is and, while degraded, why ({@code "degraded: replica"}).
     */
    private static HealthCheck replicaCheck(ReadReplica reads) {
        return HealthCheck.reading("replica", () -> {
            ReadReplica.Status status = reads.status();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state", status.state());
            data.put("reads_from", status.serving() ? "replica" : "primary");
            if (!Double.isNaN(status.lagSeconds())) {
                data.put("lag_seconds", Math.round(status.lagSeconds() * 10) / 10.0);
            }
            if (!status.serving()) {
                data.put("reason", status.reason());
            }
            return new HealthCheck.Reading(true, data);
        });
    }

    /** UP unless the role is too powerful and nobody allowed it; says who the service is in the database. */
    private HealthCheck roleCheck() {
        return HealthCheck.reading("database_role", () -> {
            RuntimeRole.Report reading = role;
            if (reading == null) {
                return new HealthCheck.Reading(true, Map.of("role", "unknown (not read yet)"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("role", reading.role());
            data.put("superuser", reading.superuser());
            data.put("owns_tables", reading.ownsTables());
            data.put("can_create_in_schema", reading.canCreateInSchema());
            if (reading.tooPowerful()) {
                data.put("allowed_by", ownerRoleAllowed ? "ARCHIVE_ALLOW_OWNER_ROLE=true" : "nothing");
            }
            return new HealthCheck.Reading(!reading.tooPowerful() || ownerRoleAllowed, data);
        });
    }

    @Override
    public void close() {
        meters.close();
    }
}
