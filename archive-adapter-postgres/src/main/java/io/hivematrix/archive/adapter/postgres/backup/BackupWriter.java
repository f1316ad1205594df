package io.hivematrix.archive.adapter.postgres.backup;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.AuditHead;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.TablePart;
import io.hivematrix.archive.domain.AuditLink;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes a backup: every archive table as COPY's CSV into a zip file, all read in one REPEATABLE READ snapshot, so
 * the service may go on writing meanwhile; then the manifest. Rows stream from the server into the file one at a
 * time, so memory stays flat at any size.
 */
public final class BackupWriter {
    private static final int BUFFER = 1 << 16;

    private BackupWriter() {
    }

    /**
     * Backs the database up into {@code file}, which must not exist. The file appears only once complete (it is
     * written beside it under another name, synced, then renamed), so a backup that fails leaves nothing behind.
     *
     * @param archiveVersion the Archive writing it, for the manifest
     * @param progress       receives a line every few seconds and one per table
     */
    public static BackupManifest write(PostgresDatabase database, Path file, String archiveVersion,
                                       Consumer<String> progress) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IOException(file + " exists; give a new file name");
        }
        String latestKnown = database.latestMigrationVersion();
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".partial");
        try {
            BackupManifest manifest;
            try (Connection connection = database.dataSource().getConnection()) {
                manifest = write(connection, partial, archiveVersion, latestKnown, new ProgressMeter(progress));
            } catch (SQLException e) {
                throw new IllegalStateException("the database failed: " + e.getMessage(), e);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
            return manifest;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static BackupManifest write(Connection connection, Path partial, String archiveVersion,
                                        String latestKnown, ProgressMeter progress) throws IOException, SQLException {
        // Every statement below sees the same snapshot, the audit head included, and none of them can write.
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            try (Statement st = connection.createStatement()) {
                for (String setting : BackupSql.SESSION) {
                    st.execute(setting);
                }
            }
            List<String> tables = tablesToCopy(connection);
            String schemaVersion = text(connection, BackupSql.SCHEMA_VERSION);
            if (schemaVersion == null) {
                throw new IllegalStateException("the database has no applied migrations; run migrate first");
            }
            if (PostgresDatabase.isNewerVersion(schemaVersion, latestKnown)) {
                throw new IllegalStateException("the database's schema version " + schemaVersion
                        + " is newer than this Archive knows (" + latestKnown + "); back it up with the Archive that runs it");
            }
            String createdAt = now(connection); // when the snapshot was taken: the transaction's start
            String postgres = text(connection, "SELECT version()");
            AuditHead head = auditHead(connection);

            List<TablePart> parts = new ArrayList<>();
            try (FileOutputStream file = new FileOutputStream(partial.toFile());
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (String table : tables) {
                    parts.add(copyTable(connection, zip, table, parts.size() + 1, tables.size(), progress));
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION,
                        createdAt, archiveVersion, schemaVersion, postgres, head, parts);
                zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST_ENTRY));
                zip.write(manifest.toJson());
                zip.closeEntry();
                zip.finish();
                zip.flush();
                file.getFD().sync();
                return manifest;
            }
        } finally {
            connection.rollback(); // read only: ends the snapshot
        }
    }

    /**
     * The tables to copy: those of {@link BackupSql#TABLES} that exist (an older schema lacks the later ones). Refuses
     * a database holding a table that is neither backed up nor deliberately left out, rather than silently miss it.
     */
    private static List<String> tablesToCopy(Connection connection) throws SQLException {
        List<String> present = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(BackupSql.SCHEMA_TABLES)) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        if (!present.contains("billing_snapshots")) {
            throw new IllegalStateException("not an Archive database (it has no billing_snapshots table)");
        }
        List<String> unknown = present.stream()
                .filter(t -> !BackupSql.TABLES.contains(t) && !BackupSql.NOT_BACKED_UP.matcher(t).matches())
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the database has table(s) this Archive would not back up: "
                    + String.join(", ", unknown));
        }
        return BackupSql.TABLES.stream().filter(present::contains).toList();
    }

    private static TablePart copyTable(Connection connection, ZipOutputStream zip, String table, int index, int of,
                                       ProgressMeter progress) throws IOException, SQLException {
        List<String> columns = names(connection, BackupSql.COLUMNS, table);
        MessageDigest sha256 = sha256();
        long started = System.nanoTime();
        zip.putNextEntry(new ZipEntry("tables/" + table + ".csv"));
        // A buffer between COPY's row-sized writes and the deflater, which is slow with many small inputs.
        OutputStream entry = new BufferedOutputStream(new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the zip stays open for the next entry
            }
        }, BUFFER);
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut(BackupSql.copyOut(table, columns, names(connection, BackupSql.PRIMARY_KEY, table)));
        long bytes = 0;
        long messages = 0;
        try {
            byte[] row;
            // COPY sends one message per row, the header line first: memory holds one row, whatever the table's size.
            while ((row = copy.readFromCopy()) != null) {
                entry.write(row);
                sha256.update(row);
                bytes += row.length;
                messages++;
                long rowsSoFar = messages - 1;
                long bytesSoFar = bytes;
                progress.maybe(() -> String.format(Locale.ROOT, "backup: %s (%d of %d): %,d rows, %s so far", table,
                        index, of, rowsSoFar, ProgressMeter.size(bytesSoFar)));
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        entry.flush();
        zip.closeEntry();
        long rows = copy.getHandledRowCount();
        progress.now(String.format(Locale.ROOT, "backup: %s (%d of %d): %,d rows, %s in %.1f s", table, index, of,
                rows, ProgressMeter.size(bytes), (System.nanoTime() - started) / 1e9));
        return new TablePart(table, columns, rows, bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    private static List<String> names(Connection connection, String sql, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static AuditHead auditHead(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(BackupSql.AUDIT_HEAD)) {
            rs.next();
            long seq = rs.getLong("seq");
            String hash = rs.getString("entry_hash");
            return new AuditHead(seq, hash == null ? AuditLink.GENESIS : hash, rs.getLong("snapshots"),
                    rs.getLong("pending"));
        }
    }

    private static String now(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant().toString();
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Makes the rename itself durable; best effort, as not every file system can sync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file's own contents are synced already
        }
    }
}
