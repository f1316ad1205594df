package io.hivematrix.archive.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: a real PostgreSQL whose data stays in the data directory across restarts, which asks every
 * connection for a password, and whose secrets are its owner's alone (the roles as the service uses them:
 * {@code EmbeddedRolesIT} in boot).
 */
class EmbeddedDatabaseIT {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            assertTrue(migrate(embedded) > 0);
            try (PostgresDatabase database = PostgresDatabase.connect(embedded.settings(2))) {
                database.snapshotStore().save(SampleSnapshots.bill("555001", 2025, 9), ReceivedBody.of("{}"),
                        Instant.now(), null);
            }
        }
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));

        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            assertEquals(0, migrate(embedded));
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

    /** As the service migrates: as the owner, then the runtime role gets its grants; how many migrations ran. */
    private static int migrate(EmbeddedDatabase embedded) {
        try (PostgresDatabase database = PostgresDatabase.connect(embedded.ownerSettings(), 1)) {
            int applied = database.migrate();
            database.grantRuntimeRole(embedded.settings(1).user());
            return applied;
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
