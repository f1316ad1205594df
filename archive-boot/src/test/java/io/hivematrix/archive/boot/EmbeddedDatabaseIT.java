package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.application.fake.SampleSnapshots;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a real PostgreSQL whose data stays in the data directory across restarts. */
class EmbeddedDatabaseIT {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
             PostgresDatabase database = PostgresDatabase.connect(embedded.settings(2))) {
            assertTrue(database.migrate() > 0);
            database.snapshotStore().save(SampleSnapshots.bill("555001", 2025, 9), "{}", Instant.now());
        }
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));

        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
             PostgresDatabase database = PostgresDatabase.connect(embedded.settings(2))) {
            assertEquals(0, database.migrate());
            assertTrue(database.snapshotStore().findByInvoiceNumber(new InvoiceNumber("555001-202509")).isPresent());
        }
    }
}
