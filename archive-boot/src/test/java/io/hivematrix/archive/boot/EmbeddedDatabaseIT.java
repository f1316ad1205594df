package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.RuntimeRole;
import io.hivematrix.archive.adapter.postgres.testing.OldSchemaSnapshots;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: a real PostgreSQL whose data stays in the data directory across restarts, which asks every
 * connection for a password, and which the service uses as a runtime role that cannot rewrite what it archived.
 */
class EmbeddedDatabaseIT {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        ArchiveSettings settings = ArchiveSettingsTest.embedded(dataDir);
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            assertTrue(DatabaseRoles.of(settings, embedded).migrate() > 0);
            try (PostgresDatabase database = PostgresDatabase.connect(embedded.settings(2))) {
                database.snapshotStore().save(SampleSnapshots.bill("555001", 2025, 9), ReceivedBody.of("{}"),
                        Instant.now(), null);
            }
        }
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));

        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            assertEquals(0, DatabaseRoles.of(settings, embedded).migrate());
            try (PostgresDatabase database = PostgresDatabase.connect(embedded.settings(2))) {
                assertTrue(database.snapshotStore().findByInvoiceNumber(new InvoiceNumber("555001-202509")).isPresent());
            }
        }
    }

    @Test
    void everyConnectionNeedsItsPasswordAndTheSecretsAreTheOwnersAlone(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            String url = embedded.settings(1).jdbcUrl();
            for (String role : new String[]{"postgres", "archive_owner", "archive_app"}) {
                SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, role, null));
                assertTrue(none.getMessage().contains("password"), none.getMessage());
                SQLException wrong = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(url, role, "not-the-password"));
                assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
            }
            try (Connection c = DriverManager.getConnection(url, "postgres",
                    Files.readString(EmbeddedPasswords.superuserFile(dataDir)).strip())) {
                assertTrue(c.isValid(2), "the superuser's password is the one in the data directory");
            }
            assertEquals("0", hbaRulesWithout(dataDir, "scram-sha-256"));
        }
        assertEquals("rwx------", mode(dataDir.resolve(EmbeddedPasswords.DIRECTORY)));
        for (String role : new String[]{"postgres", "archive_owner", "archive_app"}) {
            assertEquals("rw-------", mode(dataDir.resolve(EmbeddedPasswords.DIRECTORY).resolve(role)));
        }
        assertEquals("rwx------", mode(dataDir.resolve("pg-bin")));
    }

    @Test
    void theServiceRoleOwnsNothingAndCannotRewriteTheArchive(@TempDir Path dataDir) throws Exception {
        ArchiveSettings settings = ArchiveSettingsTest.embedded(dataDir);
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            DatabaseRoles roles = DatabaseRoles.of(settings, embedded);
            roles.migrate();
            try (PostgresDatabase database = PostgresDatabase.connect(roles.runtime())) {
                RuntimeRole.Report role = database.role();
                assertEquals("archive_app", role.role());
                assertFalse(role.tooPowerful(), role.toString());
                assertFalse(role.canCreateInSchema(), role.toString());
                database.snapshotStore().save(SampleSnapshots.bill("555002", 2025, 9), ReceivedBody.of("{}"),
                        Instant.now(), null);
                assertEquals(1, database.auditLog().sealPending(100, Instant.now()), "the runtime role seals");
            }
            RewriteAttempts.assertAllRefused(roles.runtime());
        }
    }

    /**
     * A data directory made by an older Archive: trust for everyone, every table the superuser's. Opening it makes it
     * ask for passwords, hands the tables to the owner, and the service reads the old bills as the runtime role.
     */
    @Test
    void anOlderDataDirectoryIsLockedDownOnItsNextStart(@TempDir Path dataDir) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .start();
             PostgresDatabase database = PostgresDatabase.connect(new DatabaseSettings(
                     "jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres", "postgres", null, 2))) {
            database.migrateTo("11");
            OldSchemaSnapshots.save(database.dataSource(), SampleSnapshots.bill("555003", 2025, 9).withSubmittedBy(null), "{}",
                    Instant.now());
        }
        assertTrue(Integer.parseInt(hbaRulesWithout(dataDir, "scram-sha-256")) > 0, "the old server trusts");

        ArchiveSettings settings = ArchiveSettingsTest.embedded(dataDir);
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            String url = embedded.settings(1).jdbcUrl();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", null));
            assertEquals("0", hbaRulesWithout(dataDir, "scram-sha-256"));
            DatabaseRoles roles = DatabaseRoles.of(settings, embedded);
            assertTrue(roles.migrate() >= 1, "V12 and later, applied as the owner");
            try (Connection c = DriverManager.getConnection(url, "archive_owner", roles.owner().password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                         + "AND relkind IN ('r', 'S') AND relowner <> 'archive_owner'::regrole")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "every table and sequence belongs to the owner now");
            }
            try (PostgresDatabase database = PostgresDatabase.connect(roles.runtime())) {
                assertFalse(database.role().tooPowerful());
                assertTrue(database.snapshotStore().findByInvoiceNumber(new InvoiceNumber("555003-202509")).isPresent());
                assertEquals(1, database.auditLog().sealPending(100, Instant.now()), "sealed by the owner's function");
            }
            RewriteAttempts.assertAllRefused(roles.runtime());
        }
    }

    /** How many rules of pg_hba.conf do not use {@code method}, as text. */
    private static String hbaRulesWithout(Path dataDir, String method) throws Exception {
        return String.valueOf(Files.readAllLines(dataDir.resolve("postgres").resolve("pg_hba.conf")).stream()
                .map(l -> l.replaceFirst("#.*$", "").trim()).filter(l -> !l.isEmpty())
                .filter(l -> !l.endsWith(method)).count());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
