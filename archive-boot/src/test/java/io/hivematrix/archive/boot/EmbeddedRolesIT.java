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
import io.hivematrix.archive.embedded.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's roles as the service uses them: it serves as a runtime role that cannot rewrite what it
 * archived, and an older data directory that trusted everyone is locked down (the server alone:
 * {@code EmbeddedDatabaseIT} in archive-embedded-postgres).
 */
class EmbeddedRolesIT {

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

}
