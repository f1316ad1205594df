package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.ReplicatedPostgres;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.boot.Wiring;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.SampleSnapshots;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code archive verify} checks and changes nothing: run as the runtime role against a schema older than this
 * build's, it says to migrate first (exit 2) and leaves the schema as it was; once migrated, it verifies. With
 * {@code ARCHIVE_DB_READ_URL} it reads a streaming replica, and says so when that replica cannot be reached.
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

    @Test
    void withAReadReplica_theChainIsVerifiedOnTheReplica() throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start()) {
            TestPostgres.Roles roles = servers.withRoles();
            Map<String, String> values = new HashMap<>(roles.serviceSettings());
            values.put("ARCHIVE_DB_READ_URL", servers.replica().jdbcUrl());
            settings = values;
            settings.forEach(System::setProperty);
            assertEquals(0, CliRun.of("migrate").code());
            try (PostgresDatabase primary = PostgresDatabase.connect(roles.runtime(), 1)) {
                primary.snapshotStore().save(SampleSnapshots.bill("800001", 2025, 1), ReceivedBody.of("{}"),
                        Instant.now(), null);
                assertEquals(1, Wiring.auditTrail(primary, Clock.systemUTC()).sealPending());
            }
            servers.awaitCaughtUp(Duration.ofSeconds(30));

            CliRun onReplica = CliRun.of("verify");
            assertEquals(0, onReplica.code(), onReplica.all());
            assertTrue(onReplica.err().contains("reading the replica") && onReplica.out().contains("checked 1 link"),
                    onReplica.all());

            servers.stopReplica();
            CliRun gone = CliRun.of("verify");
            assertEquals(2, gone.code(), gone.all());
            assertTrue(gone.err().contains("replica cannot be reached"), gone.all());
        }
    }
}
