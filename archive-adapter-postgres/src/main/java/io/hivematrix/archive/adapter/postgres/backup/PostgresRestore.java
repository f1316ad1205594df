package io.hivematrix.archive.adapter.postgres.backup;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.TablePart;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Loads a checked backup into an empty database: migrates it to exactly the backup's schema version, loads every
 * part with COPY in one transaction (the guard triggers stay on; loading only inserts), sets the id sequences past
 * the loaded ids, then migrates to this build's latest version. Verifying the audit chain is the caller's next step.
 *
 * <p>Restored snapshots keep the archive time they were sealed with: at a schema version that has the trigger setting
 * {@code archived_at} from the database's clock (V13), the load disables that one trigger inside its own transaction
 * (so a failed load leaves it on) and enables it again before committing. A backup from an older version is loaded
 * before the trigger exists.
 */
public final class PostgresRestore {
    private static final int BUFFER = 1 << 16;

    private PostgresRestore() {
    }

    /**
     * What the restore left: the rows of each restored table (counted after the final migration) and any guard
     * trigger found missing.
     *
     * @param fromVersion the schema version the rows were loaded at (the backup's)
     * @param toVersion   the schema version the database is at now
     */
    public record Restored(Map<String, Long> rows, List<String> missingGuards, String fromVersion, String toVersion) {
    }

    /**
     * Restores {@code backup} into {@code database}.
     *
     * @throws RestoreRefusedException before any row is written, when the target is not empty or its schema or the
     *                                 backup's cannot be brought together by this build
     */
    public static Restored restore(PostgresDatabase database, BackupFile backup, Consumer<String> progress)
            throws IOException {
        try {
            return restoreOrFail(database, backup, progress);
        } catch (SQLException e) {
            throw new IllegalStateException("the database failed: " + e.getMessage(), e);
        }
    }

    private static Restored restoreOrFail(PostgresDatabase database, BackupFile backup, Consumer<String> progress)
            throws SQLException, IOException {
        BackupManifest manifest = backup.manifest();
        String version = manifest.schemaVersion();
        checkTarget(database, version);
        database.migrateTo(version);
        load(database, backup, new ProgressMeter(progress));
        database.migrate();
        String now = database.schemaVersion().orElseThrow();
        try (Connection connection = database.dataSource().getConnection()) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (TablePart part : manifest.tables()) {
                rows.put(part.name(), count(connection, part.name()));
            }
            return new Restored(rows, missingGuards(connection), version, now);
        }
    }

    /** Refuses, writing nothing, a target this restore could damage or could not load into. */
    private static void checkTarget(PostgresDatabase database, String backupVersion) throws SQLException {
        List<String> known = database.knownMigrationVersions();
        String latest = known.getLast();
        if (PostgresDatabase.isNewerVersion(backupVersion, latest)) {
            throw new RestoreRefusedException("the backup's schema version " + backupVersion
                    + " is newer than this Archive knows (" + latest + "); restore it with a newer Archive");
        }
        if (!known.contains(backupVersion)) {
            throw new RestoreRefusedException("the backup's schema version " + backupVersion
                    + " is not a migration this Archive has");
        }
        try (Connection connection = database.dataSource().getConnection()) {
            String rows = tablesWithRows(connection);
            if (rows != null) {
                throw notEmpty(rows);
            }
        }
        String current = database.schemaVersion().orElse(null);
        if (current != null && PostgresDatabase.isNewerVersion(current, backupVersion)) {
            throw new RestoreRefusedException("the target database's schema is at version " + current
                    + ", past the backup's " + backupVersion + "; restore into a new, empty database");
        }
    }

    /** The archive tables holding rows, comma-separated, or null when none does (the seeded schedule row aside). */
    private static String tablesWithRows(Connection connection) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String table : BackupSql.TABLES) {
            if (table.equals(BackupSql.SEEDED_TABLE) || !exists(connection, table)) {
                continue;
            }
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(BackupSql.anyRow(table))) {
                rs.next();
                if (rs.getBoolean(1)) {
                    found.add(table);
                }
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    private static RestoreRefusedException notEmpty(String tables) {
        return new RestoreRefusedException("the target database is not empty: " + (tables.contains(",")
                ? "tables " + tables + " have rows" : "table " + tables + " has rows")
                + "; restore only into an empty database");
    }

    private static void load(PostgresDatabase database, BackupFile backup, ProgressMeter progress)
            throws SQLException, IOException {
        BackupManifest manifest = backup.manifest();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement st = connection.createStatement()) {
                    for (String setting : BackupSql.SESSION) {
                        st.execute(setting);
                    }
                    List<String> tables = manifest.tables().stream().map(TablePart::name).toList();
                    // No one else writes while we load, and no one wrote since the check: the target is still empty.
                    st.execute(BackupSql.lockAll(tables));
                    String rows = tablesWithRows(connection);
                    if (rows != null) {
                        // Someone wrote between the check and the lock (a service started on it?): load nothing.
                        throw new IllegalStateException("rows arrived in the target while the restore began ("
                                + rows + "); nothing was loaded");
                    }
                    if (tables.contains(BackupSql.SEEDED_TABLE)) {
                        st.execute(BackupSql.deleteAll(BackupSql.SEEDED_TABLE));
                    }
                }
                boolean stampsArchivedAt = triggerEnabled(connection, BackupSql.ARCHIVED_AT_TABLE,
                        BackupSql.ARCHIVED_AT_TRIGGER) != null;
                if (stampsArchivedAt) {
                    setArchivedAtTrigger(connection, false);
                }
                List<TablePart> inOrder = BackupSql.TABLES.stream()
                        .flatMap(t -> manifest.table(t).stream()).toList();
                int index = 0;
                for (TablePart part : inOrder) {
                    copyIn(connection, backup, part, ++index, inOrder.size(), progress);
                }
                resetSequences(connection, inOrder.stream().map(TablePart::name).toList());
                if (stampsArchivedAt) {
                    setArchivedAtTrigger(connection, true);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("loading failed, no rows were kept: " + e.getMessage(), e.getSQLState(), e);
            } catch (IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void setArchivedAtTrigger(Connection connection, boolean enable) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(BackupSql.enableTrigger(BackupSql.ARCHIVED_AT_TABLE, BackupSql.ARCHIVED_AT_TRIGGER, enable));
        }
    }

    /** The trigger's pg_trigger.tgenabled, or null when the schema has no such trigger. */
    private static String triggerEnabled(Connection connection, String table, String trigger) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(BackupSql.TRIGGER_ENABLED)) {
            st.setString(1, table);
            st.setString(2, trigger);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void copyIn(Connection connection, BackupFile backup, TablePart part, int index, int of,
                               ProgressMeter progress) throws SQLException, IOException {
        long started = System.nanoTime();
        MessageDigest sha256 = BackupWriter.sha256();
        long loaded;
        try (CheckedStream in = new CheckedStream(backup.part(part), sha256, read -> progress.maybe(() ->
                String.format(Locale.ROOT, "restore: %s (%d of %d): %s of %s so far", part.name(), index, of,
                        ProgressMeter.size(read), ProgressMeter.size(part.bytes()))))) {
            loaded = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(BackupSql.copyIn(part.name(), part.columns()), in, BUFFER);
            // The file was checked when opened; checking again as it loads catches a file changed since.
            if (in.read() != -1 || in.count != part.bytes()
                    || !HexFormat.of().formatHex(sha256.digest()).equals(part.sha256())) {
                throw new IOException(part.entry() + " changed since it was checked; nothing was restored");
            }
        }
        if (loaded != part.rows()) {
            throw new IllegalStateException("loaded " + loaded + " rows into " + part.name() + " where the manifest says "
                    + part.rows() + "; nothing was restored");
        }
        progress.now(String.format(Locale.ROOT, "restore: %s (%d of %d): %,d rows, %s in %.1f s", part.name(), index,
                of, loaded, ProgressMeter.size(part.bytes()), (System.nanoTime() - started) / 1e9));
    }

    /** Ids were loaded as they were: each identity or serial sequence must now continue after the largest. */
    private static void resetSequences(Connection connection, List<String> tables) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(BackupSql.OWNED_SEQUENCES)) {
            Array names = connection.createArrayOf("text", tables.toArray());
            st.setArray(1, names);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    owned.add(new String[]{rs.getString("sequence_name"), rs.getString("table_name"),
                        rs.getString("column_name")});
                }
            }
        }
        for (String[] s : owned) {
            try (PreparedStatement st = connection.prepareStatement(BackupSql.resetSequence(s[1], s[2]))) {
                st.setString(1, s[0]);
                st.executeQuery().close();
            }
        }
    }

    /**
     * The guard triggers the migrations create, checked as they stand after the restore: each append-only table
     * must refuse UPDATE, DELETE and TRUNCATE with a trigger that fires always, and new snapshots must take their
     * archive time from the database's clock again (the load switched that trigger off for itself).
     */
    private static List<String> missingGuards(Connection connection) throws SQLException {
        Map<String, Integer> covered = new LinkedHashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(BackupSql.GUARDS)) {
            while (rs.next()) {
                if ("A".equals(rs.getString("tgenabled"))) {
                    covered.merge(rs.getString("table_name"), rs.getInt("tgtype"), (a, b) -> a | b);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String table : BackupSql.GUARDED_TABLES) {
            int events = covered.getOrDefault(table, 0);
            for (var event : Map.of("UPDATE", BackupSql.TRIGGER_UPDATE, "DELETE", BackupSql.TRIGGER_DELETE,
                    "TRUNCATE", BackupSql.TRIGGER_TRUNCATE).entrySet()) {
                if ((events & event.getValue()) == 0) {
                    missing.add(table + " " + event.getKey());
                }
            }
        }
        String stamps = triggerEnabled(connection, BackupSql.ARCHIVED_AT_TABLE, BackupSql.ARCHIVED_AT_TRIGGER);
        if (stamps == null || !(stamps.equals("O") || stamps.equals("A"))) {
            missing.add(BackupSql.ARCHIVED_AT_TABLE + " INSERT (archived_at from the database clock)");
        }
        missing.sort(null);
        return missing;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(BackupSql.TABLE_EXISTS)) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(BackupSql.count(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A part as it is read into COPY: digested and counted on the way, its progress reported. */
    private static final class CheckedStream extends FilterInputStream {
        private final MessageDigest digest;
        private final java.util.function.LongConsumer onRead;
        long count;

        CheckedStream(InputStream in, MessageDigest digest, java.util.function.LongConsumer onRead) {
            super(in);
            this.digest = digest;
            this.onRead = onRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
                onRead.accept(count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
                onRead.accept(count);
            }
            return n;
        }
    }
}
