package io.hivematrix.archive.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The archive's database: the request pool, a small pool of its own for CSV exports, the Flyway migrations, and a
 * DbClient over the request pool.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** Export connections when the caller names no number: as many as exports run at once by default. */
    public static final int DEFAULT_EXPORT_CONNECTIONS = 2;
    private static final String DURABILITY_SETTINGS = "SELECT name, setting FROM pg_settings WHERE name = ANY (?)";

    private final HikariDataSource dataSource;
    private final HikariDataSource exportDataSource;
    private final DbClient dbClient;

    private PostgresDatabase(HikariDataSource dataSource, HikariDataSource exportDataSource) {
        this.dataSource = dataSource;
        this.exportDataSource = exportDataSource;
        this.dbClient = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(dataSource)).build();
    }

    /** Opens the pools, with {@link #DEFAULT_EXPORT_CONNECTIONS} for exports; fails fast when the server cannot be reached. */
    public static PostgresDatabase connect(DatabaseSettings settings) {
        return connect(settings, DEFAULT_EXPORT_CONNECTIONS);
    }

    /**
     * Opens the pools; fails fast when the server cannot be reached. An export holds its connection, in an open
     * transaction, for as long as its client takes to read it: on a pool of their own ({@code exportConnections},
     * as many as exports may run at once) exports can never take the connections every other route needs.
     */
    public static PostgresDatabase connect(DatabaseSettings settings, int exportConnections) {
        if (exportConnections < 1) {
            throw new IllegalArgumentException("export connections must be at least 1");
        }
        HikariDataSource requests = new HikariDataSource(config(settings, "archive", settings.maxPoolSize(),
                Math.min(2, settings.maxPoolSize())));
        try {
            // No idle export connections: exports are rare, and an unused one would only hold a server slot.
            return new PostgresDatabase(requests, new HikariDataSource(config(settings, "archive-export",
                    exportConnections, 0)));
        } catch (RuntimeException e) {
            requests.close();
            throw e;
        }
    }

    /**
     * Opens read-only pools on a streaming replica, named {@code archive-replica} and {@code archive-replica-export}:
     * never migrated, never written. Unlike {@link #connect} it starts even when the replica cannot be reached (the
     * service then reads from its primary, see {@link ReadReplica}), a borrower gives up on a lost replica after a
     * second rather than five, since the read it wanted is then tried on the primary, and a read gives up on a
     * replica silent for a minute.
     */
    public static PostgresDatabase connectReplica(DatabaseSettings settings, int exportConnections) {
        HikariDataSource requests = new HikariDataSource(replica(config(settings, "archive-replica",
                settings.maxPoolSize(), Math.min(2, settings.maxPoolSize()))));
        try {
            return new PostgresDatabase(requests, new HikariDataSource(replica(config(settings,
                    "archive-replica-export", exportConnections, 0))));
        } catch (RuntimeException e) {
            requests.close();
            throw e;
        }
    }

    private static HikariConfig replica(HikariConfig config) {
        config.setReadOnly(true);
        // A replica that stops answering (frozen, disk hung) costs a read in flight at most this long; new reads go
        // to the primary once a check finds it (ReadReplica). No Archive read waits this long for its next bytes:
        // an export's rows keep coming while its client reads.
        config.addDataSourceProperty("socketTimeout", "60");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        config.setValidationTimeout(Duration.ofMillis(500).toMillis());
        return config;
    }

    /** One pool; its name is also the sessions' application_name, so pg_stat_activity tells the pools apart. */
    private static HikariConfig config(DatabaseSettings settings, String name, int maxSize, int minIdle) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(minIdle);
        // Short enough that /health answers 503 promptly when the server is gone.
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.addDataSourceProperty("ApplicationName", name);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return config;
    }

    /**
     * Applies pending migrations; returns how many ran. Skips Flyway when this build's migrations and the schema
     * history are exactly as when it last migrated or validated this database ({@link MigrationFingerprint}).
     */
    public int migrate() {
        if (MigrationFingerprint.current(dataSource)) {
            return 0;
        }
        MigrateResult result = flyway().load().migrate();
        MigrationFingerprint.remember(dataSource);
        return result.migrationsExecuted;
    }

    /**
     * Applies pending migrations up to and including {@code version} and no further (a restore loads a backup into
     * the schema it was written from, then migrates the rest); returns how many ran.
     */
    public int migrateTo(String version) {
        return flyway().target(MigrationVersion.fromVersion(version)).load().migrate().migrationsExecuted;
    }

    /** The version of the newest migration applied to this database, or empty when none is (no schema history). */
    public Optional<String> schemaVersion() {
        MigrationInfo current = flyway().load().info().current();
        return Optional.ofNullable(current).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
    }

    /** The versions of the migrations this build carries, oldest first. */
    public List<String> knownMigrationVersions() {
        List<String> versions = Arrays.stream(flyway().load().info().all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .sorted()
                .map(MigrationVersion::getVersion)
                .toList();
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations found in classpath:db/migration");
        }
        return versions;
    }

    /** The version of the newest migration this build carries. */
    public String latestMigrationVersion() {
        return knownMigrationVersions().getLast();
    }

    /** Whether {@code version} is newer than {@code than}, as Flyway orders versions (so "10" is after "9"). */
    public static boolean isNewerVersion(String version, String than) {
        return MigrationVersion.fromVersion(version).isNewerThan(MigrationVersion.fromVersion(than));
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    /**
     * Gives {@code role} the runtime role's grants (and takes back any other right it held on the archive's tables);
     * call it connected as the owner, after {@link #migrate()}.
     */
    public void grantRuntimeRole(String role) {
        RuntimeRole.grant(dbClient, role);
    }

    /** What the role this database is connected as may do: a superuser or an owner could rewrite the archive. */
    public RuntimeRole.Report role() {
        return RuntimeRole.inspect(dbClient);
    }

    /** Whether the database answers a trivial query now (within two seconds once connected). */
    public boolean isAvailable() {
        try (Connection connection = dataSource.getConnection()) {
            // isValid bounds the round trip, so a server that accepts but hangs cannot hold the caller for good
            // (plain JDBC: DbClient has no bounded check).
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Reads the durability settings this service's sessions run with (see {@link ServerDurability}). */
    public ServerDurability durability() {
        Map<String, String> settings = new HashMap<>();
        try (Stream<DbRow> rows = dbClient.execute().query(DURABILITY_SETTINGS,
                (Object) ServerDurability.NAMES.toArray(String[]::new))) {
            rows.forEach(row -> settings.put(Rows.text(row, "name"), Rows.text(row, "setting")));
        } catch (DbClientException e) {
            throw new IllegalStateException("could not read the database's durability settings", e);
        }
        return new ServerDurability(settings);
    }

    /**
     * Whether a failure means the database could not be reached, rather than that a statement went wrong: no
     * connection within the pool's timeout, a connection lost (SQLState class 08), or a server shutting down
     * or starting up (57P01-57P03). Such a request can be tried again later; the HTTP adapter answers 503.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /** The DbClient over the request pool: how the stores talk to the database. */
    public DbClient dbClient() {
        return dbClient;
    }

    /** The pool's state now, for the metrics: connections in use, idle, in total, and callers waiting for one. */
    public PoolUsage poolUsage() {
        return usage(dataSource);
    }

    /** The same reading of the export pool. */
    public PoolUsage exportPoolUsage() {
        return usage(exportDataSource);
    }

    private static PoolUsage usage(HikariDataSource pool) {
        var bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUsage(0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /** A reading of the connection pool. */
    public record PoolUsage(int active, int idle, int total, int waiting, int max) {
    }

    /**
     * The request pool, for what needs plain JDBC: Quartz's job store and the operator's backup and restore (COPY).
     * The stores use {@link #dbClient()}, and plain JDBC only on their measured hot paths (through HotPathJdbc).
     */
    public DataSource dataSource() {
        return dataSource;
    }

    public PostgresAuditLog auditLog() {
        return new PostgresAuditLog(dbClient, new HotPathJdbc(dataSource));
    }

    public PostgresLogTree logTree() {
        return new PostgresLogTree(dbClient);
    }

    public PostgresSnapshotStore snapshotStore() {
        HotPathJdbc requests = new HotPathJdbc(dataSource);
        return new PostgresSnapshotStore(dbClient, new SnapshotInsert(requests), new CompanyAccounts(requests),
                new SummaryQueries(requests, new HotPathJdbc(exportDataSource)));
    }

    public PostgresMonthlyTotals monthlyTotals() {
        return new PostgresMonthlyTotals(new HotPathJdbc(dataSource));
    }

    public PostgresJobStore jobStore() {
        return new PostgresJobStore(dbClient);
    }

    public PostgresScheduleStore scheduleStore() {
        return new PostgresScheduleStore(dbClient);
    }

    @Override
    public void close() {
        dbClient.close();
        exportDataSource.close();
        dataSource.close();
    }
}
