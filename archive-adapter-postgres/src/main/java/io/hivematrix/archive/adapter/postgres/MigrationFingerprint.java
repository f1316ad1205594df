package io.hivematrix.archive.adapter.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Lets a start skip Flyway when nothing it would look at changed since it last migrated or validated this database:
 * the migrations this build carries (every file's name and bytes) and the schema history as it stands (every row).
 * Flyway's validation parses each migration to checksum it, about half a second of a restart; this reads the same
 * files and one query. What it remembers, a SHA-256 of both, is the schema history table's comment: it travels with
 * the database (any instance, any host), and whoever could change it could change the history itself. Anything
 * unexpected (no history yet, files not readable, no right to comment) means Flyway runs, as it always did.
 */
final class MigrationFingerprint {
    private static final System.Logger LOG = System.getLogger(MigrationFingerprint.class.getName());
    private static final String TABLE = "flyway_schema_history";
    private static final String LOCATION = "db/migration/";
    private static final String PREFIX = "Archive: migrations validated, ";
    private static final String READ = "SELECT obj_description(to_regclass('" + TABLE + "'), 'pg_class'),"
            + " (SELECT string_agg(concat_ws('|', installed_rank, version, description, type, script, checksum,"
            + " success), E'\\n' ORDER BY installed_rank) FROM " + TABLE + ")";

    private MigrationFingerprint() {
    }

    /** Whether the database was migrated or validated with exactly these migrations and this history. */
    static boolean current(DataSource dataSource) {
        Optional<Map<String, byte[]>> migrations = migrations();
        if (migrations.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!exists(s)) {
                return false;
            }
            try (ResultSet rs = s.executeQuery(READ)) {
                rs.next();
                String remembered = rs.getString(1);
                return remembered != null && remembered.equals(PREFIX + of(migrations.get(), rs.getString(2)));
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Remembers that Flyway migrated or validated the database as it is now; a failure only costs the next start. */
    static void remember(DataSource dataSource) {
        Optional<Map<String, byte[]>> migrations = migrations();
        if (migrations.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String history;
            try (ResultSet rs = s.executeQuery(READ)) {
                rs.next();
                history = rs.getString(2);
            }
            s.execute("COMMENT ON TABLE " + TABLE + " IS '" + PREFIX + of(migrations.get(), history) + "'");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not remember the validated migrations; the next start validates", e);
        }
    }

    private static boolean exists(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** SHA-256, in hex, of Flyway's version, every migration file and the history rows. */
    static String of(Map<String, byte[]> migrations, String history) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, String.valueOf(Flyway.class.getPackage().getImplementationVersion()).getBytes(StandardCharsets.UTF_8));
            migrations.forEach((name, bytes) -> {
                update(digest, name.getBytes(StandardCharsets.UTF_8));
                update(digest, bytes);
            });
            update(digest, String.valueOf(history).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Each part with its length first, so that no two different sets of parts digest alike. */
    private static void update(MessageDigest digest, byte[] part) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(part.length).array());
        digest.update(part);
    }

    /**
     * The migration files this build carries, by name, from the jar or directory this class came from (where Flyway
     * finds them); empty when they cannot be listed.
     */
    static Optional<Map<String, byte[]>> migrations() {
        CodeSource source = MigrationFingerprint.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(LOCATION);
                try (Stream<Path> listed = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) listed.filter(Files::isRegularFile)::iterator) {
                        files.put(file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (!entry.isDirectory() && name.startsWith(LOCATION) && name.indexOf('/', LOCATION.length()) < 0) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(name.substring(LOCATION.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return files.isEmpty() ? Optional.empty() : Optional.of(files);
    }
}
