package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

/**
 * A start skips Flyway only while its migrations and the schema history are what Flyway last saw: a changed
 * history, or a forged remembrance, and Flyway validates (and refuses) as it always did.
 */
class MigrationFingerprintIT {

    @Test
    void aMigratedDatabase_isCurrent_untilItsHistoryChanges_thenFlywayValidatesAndRefuses() {
        try (PostgresDatabase database = PostgresDatabase.connect(TestPostgres.newDatabase(getClass()), 1)) {
            assertFalse(MigrationFingerprint.current(database.dataSource()), "no history yet: Flyway runs");
            assertTrue(database.migrate() > 0);
            assertTrue(MigrationFingerprint.current(database.dataSource()), "remembered after migrating");
            assertEquals(0, database.migrate());

            database.dbClient().execute().dml("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
            assertFalse(MigrationFingerprint.current(database.dataSource()));
            assertThrows(FlywayValidateException.class, database::migrate, "a changed migration is refused as before");
        }
    }

    @Test
    void aForgedOrLostRemembrance_onlyMakesFlywayValidateAgain() {
        try (PostgresDatabase database = PostgresDatabase.connect(TestPostgres.newDatabase(getClass()), 1)) {
            database.migrate();
            database.dbClient().execute().dml("COMMENT ON TABLE flyway_schema_history IS "
                    + "'Archive: migrations validated, 0000000000000000000000000000000000000000000000000000000000000000'");
            assertFalse(MigrationFingerprint.current(database.dataSource()));
            assertEquals(0, database.migrate(), "Flyway validated: nothing pending");
            assertTrue(MigrationFingerprint.current(database.dataSource()), "and it is remembered again");

            database.dbClient().execute().dml("COMMENT ON TABLE flyway_schema_history IS NULL");
            assertFalse(MigrationFingerprint.current(database.dataSource()));
        }
    }

    @Test
    void theFingerprint_coversEveryFilesNameAndBytes_andTheHistory() {
        Map<String, byte[]> files = new LinkedHashMap<>(MigrationFingerprint.migrations().orElseThrow());
        assertTrue(files.containsKey("V1__billing_archive.sql"), files.keySet().toString());
        String history = "1|1|billing archive|SQL|V1__billing_archive.sql|123|t";
        String fingerprint = MigrationFingerprint.of(files, history);
        assertEquals(fingerprint, MigrationFingerprint.of(new LinkedHashMap<>(files), history));
        assertNotEquals(fingerprint, MigrationFingerprint.of(files, history + "\n2|2|x|SQL|V2__x.sql|1|t"));

        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put("V1__billing_archive.sql", (new String(files.get("V1__billing_archive.sql")) + " ").getBytes());
        assertNotEquals(fingerprint, MigrationFingerprint.of(changed, history));
        Map<String, byte[]> added = new LinkedHashMap<>(files);
        added.put("V99__next.sql", new byte[0]);
        assertNotEquals(fingerprint, MigrationFingerprint.of(added, history));
    }
}
