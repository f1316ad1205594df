package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code archive verify} checks and changes nothing: run as the runtime role against a schema older than this
 * build's, it says to migrate first (exit 2) and leaves the schema as it was; once migrated, it verifies.
 */
class VerifyCommandIT {
    private Map<String, String> settings = Map.of();

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
    }

    @Test
    void anOlderSchemaIsNamedNotMigrated_thenTheCurrentOneVerifies() throws Exception {
        TestPostgres.Roles roles = TestPostgres.newDatabaseWithRoles(VerifyCommandIT.class);
        try (PostgresDatabase owner = PostgresDatabase.connect(roles.owner(), 1)) {
            owner.migrateTo("11");
        }
        // What an older Archive's README granted: enough to read the schema's version.
        try (Connection c = DriverManager.getConnection(roles.owner().jdbcUrl(), roles.owner().user(),
                roles.owner().password()); Statement s = c.createStatement()) {
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"" + roles.runtime().user() + "\"");
        }
        settings = roles.serviceSettings();
        settings.forEach(System::setProperty);

        CliRun old = CliRun.of("verify");
        assertEquals(2, old.code(), old.all());
        assertTrue(old.err().contains("schema is at version 11") && old.err().contains("archive migrate"), old.all());
        try (PostgresDatabase owner = PostgresDatabase.connect(roles.owner(), 1)) {
            assertEquals("11", owner.schemaVersion().orElseThrow(), "verify migrated nothing");
        }

        CliRun migrated = CliRun.of("migrate");
        assertEquals(0, migrated.code(), migrated.all());
        CliRun.of("verify").exitedWith(0, "ok");
    }
}
