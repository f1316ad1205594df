package io.hivematrix.archive.adapter.postgres;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A PostgreSQL streaming replica that takes the archive's reads while it is reachable and at most
 * {@code maxLag} behind its primary; the primary takes them otherwise, and again the replica once it recovers.
 * {@link #check()} (once a second, from the service's background tasks) decides; a read that finds the replica gone
 * between two checks is tried on the primary at once. Writes never come here: the stores it routes send them to the
 * primary themselves.
 */
public final class ReadReplica implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReadReplica.class.getName());
    private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0')::bigint";
    // pg_is_wal_replay_paused() fails on a server that is not in recovery; CASE asks it only of one that is.
    private static final String REPLICA_POSITION = "SELECT pg_is_in_recovery(), "
            + "(pg_last_wal_replay_lsn() - '0/0')::bigint, "
            + "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END";
    /**
     * The longest either server may take to answer a check: a server that accepts connections but has stopped
     * answering (frozen, or its disk hung) fails the check instead of holding the checking thread.
     */
    private static final int CHECK_TIMEOUT_MILLIS = 2_000;
    /** SQLState of a standby's "canceling statement due to conflict with recovery": the primary can answer it. */
    private static final String RECOVERY_CONFLICT = "40001";

    /**
     * What the last check found.
     *
     * @param serving    whether reads go to the replica
     * @param state      {@code "replica"} while they do, {@code "degraded: replica"} while the primary takes them
     * @param reason     why it is degraded; empty while serving
     * @param lagSeconds how far behind the replica was, NaN when it could not be asked
     */
    public record Status(boolean serving, String state, String reason, double lagSeconds) {
        static Status serving(double lagSeconds) {
            return new Status(true, "replica", "", lagSeconds);
        }

        static Status degraded(String reason, double lagSeconds) {
            return new Status(false, "degraded: replica", reason, lagSeconds);
        }
    }

    private final PostgresDatabase primary;
    private final PostgresDatabase replica;
    private final Duration maxLag;
    private final LongSupplier nanoTime;
    private final ReplicaLag lag = new ReplicaLag();
    private static final Status NOT_CHECKED = Status.degraded("not checked yet", Double.NaN);
    private volatile Status status = NOT_CHECKED;

    ReadReplica(PostgresDatabase primary, PostgresDatabase replica, Duration maxLag, LongSupplier nanoTime) {
        this.primary = Objects.requireNonNull(primary);
        this.replica = Objects.requireNonNull(replica);
        this.maxLag = Objects.requireNonNull(maxLag);
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /**
     * Opens read-only pools on the replica {@code settings} name (it need not be up) and checks it once, so that the
     * first requests already go where they should; {@code primary} stays the caller's to close.
     */
    public static ReadReplica open(PostgresDatabase primary, DatabaseSettings settings, int exportConnections,
                                   Duration maxLag) {
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("the replica's largest lag must be positive");
        }
        ReadReplica reads = new ReadReplica(primary, PostgresDatabase.connectReplica(settings, exportConnections),
                maxLag, System::nanoTime);
        reads.check();
        return reads;
    }

    /**
     * Asks the primary where it writes and the replica how far it has replayed, and routes reads accordingly. Never
     * throws: an unreachable replica is a reason to read from the primary, not a failure of the service.
     */
    public synchronized void check() {
        try {
            lag.primaryAt(nanoTime.getAsLong(), primaryPosition());
        } catch (SQLException | RuntimeException e) {
            // The primary is away: writes fail anyway; the replica is judged on the positions already sampled.
        }
        Status next;
        Exception cause = null;
        try (Connection connection = bounded(replica.dataSource().getConnection());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(REPLICA_POSITION)) {
            row.next();
            if (!row.getBoolean(1)) {
                next = Status.degraded("not a standby (pg_is_in_recovery() is false)", Double.NaN);
            } else {
                double seconds = lag.lagNanos(nanoTime.getAsLong(), row.getLong(2)) / 1e9;
                boolean paused = row.getBoolean(3);
                next = seconds <= maxLag.toNanos() / 1e9 ? Status.serving(seconds)
                        : Status.degraded(String.format(java.util.Locale.ROOT, "%.1f s behind the primary, more than "
                        + "the %d s allowed%s", seconds, maxLag.toSeconds(), paused ? " (replay is paused)" : ""),
                        seconds);
            }
        } catch (SQLException | RuntimeException e) {
            next = Status.degraded("unreachable", Double.NaN);
            cause = e;
        }
        change(next, cause);
    }

    private long primaryPosition() throws SQLException {
        try (Connection connection = bounded(primary.dataSource().getConnection());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(PRIMARY_POSITION)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The connection with reads that give up after {@link #CHECK_TIMEOUT_MILLIS} (the pool resets it on return). */
    private static Connection bounded(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, CHECK_TIMEOUT_MILLIS);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Takes {@code next} as the status; logs when reads move (with {@code cause}, when there is one, for the operator). */
    private void change(Status next, Exception cause) {
        Status before = status;
        status = next;
        if (before == NOT_CHECKED || before.serving() != next.serving()) {
            LOG.log(next.serving() ? Level.INFO : Level.WARNING, next.serving()
                    ? "Reads go to the replica (" + String.format(java.util.Locale.ROOT, "%.1f", next.lagSeconds())
                    + " s behind the primary)" : "Reads go to the primary: the replica is " + next.reason()
                    + (cause == null ? "" : " (" + rootCause(cause) + ")"));
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** What the last check found (or a read since: a replica found gone). */
    public Status status() {
        return status;
    }

    /** Whether reads go to the replica now. */
    boolean serving() {
        return status.serving();
    }

    /** The replica's pools, for their gauges. */
    public PostgresDatabase replicaPools() {
        return replica;
    }

    /**
     * Runs {@code read} against the database reads go to now, all of it on that one database: the replica while it
     * serves, handed to the primary should the replica be lost (see {@link #read(Supplier, Supplier)}); for reads
     * made of several statements that must see one database, such as verifying the audit chain.
     */
    public <T> T withReads(Function<? super PostgresDatabase, ? extends T> read) {
        return read(primary, replica, read);
    }

    /**
     * Runs {@code read} on the replica's {@code onReplica} while it serves, else on the primary's {@code onPrimary}
     * (see {@link #read(Supplier, Supplier)}).
     */
    <S, T> T read(S onPrimary, S onReplica, Function<? super S, ? extends T> read) {
        return read(() -> read.apply(onReplica), () -> read.apply(onPrimary));
    }

    /**
     * Runs {@code onReplica} while the replica serves, else {@code onPrimary}. A replica that cannot be reached, or
     * that cancelled the statement over a conflict with its recovery, hands the read to the primary (an unreachable
     * one stays out until a check finds it back).
     */
    <T> T read(Supplier<? extends T> onReplica, Supplier<? extends T> onPrimary) {
        if (!status.serving()) {
            return onPrimary.get();
        }
        try {
            return onReplica.get();
        } catch (RuntimeException e) {
            if (!handsOver(e)) {
                throw e;
            }
            return onPrimary.get();
        }
    }

    /**
     * Whether a read that failed on the replica with {@code failure} may be done again on the primary: when the
     * replica could not be reached (it is then taken out of service until a check finds it back), or cancelled the
     * statement over a conflict with its recovery.
     */
    boolean handsOver(RuntimeException failure) {
        if (PostgresDatabase.isUnreachable(failure)) {
            change(Status.degraded("unreachable", Double.NaN), failure);
            return true;
        }
        return isRecoveryConflict(failure);
    }

    private static boolean isRecoveryConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && RECOVERY_CONFLICT.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The archive's bills: written to the primary, read from the replica with a fall-back for what it lacks. */
    public ReplicaRoutedSnapshotStore snapshotStore() {
        return new ReplicaRoutedSnapshotStore(this, primary.snapshotStore(), replica.snapshotStore());
    }

    /** The monthly report's totals, read from the replica while it serves. */
    public ReplicaRoutedMonthlyTotals monthlyTotals() {
        return new ReplicaRoutedMonthlyTotals(this, primary.monthlyTotals(), replica.monthlyTotals());
    }

    /** Closes the replica's pools (the primary's are the caller's). */
    @Override
    public void close() {
        replica.close();
    }
}
