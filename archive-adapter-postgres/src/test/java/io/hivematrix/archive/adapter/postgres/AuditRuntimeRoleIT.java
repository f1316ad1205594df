package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hivematrix.archive.application.port.in.AuditTrail.Verification;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production two-role setup: a migration role owns the schema (Flyway runs as it) and grants the runtime role
 * exactly {@link RuntimeRole}'s rights, and the application connects as that role, which owns nothing.
 *
 * Such a session cannot tamper at all: it lacks the privileges for UPDATE, DELETE and TRUNCATE (and the guard
 * triggers would refuse them anyway), it cannot disable or drop the guards (only the owner may alter a
 * table), it cannot switch to {@code session_replication_role = replica}, and it writes the chain only through the
 * owner's sealing functions. Not even a queue entry can it remove.
 */
class AuditRuntimeRoleIT {
    private static final String PASSWORD = "runtime-only";
    private static AuditFixture db;
    private static String role;
    private static PostgresDatabase asApp;
    private static AuditTrailService appTrail;

    @BeforeAll
    static void createRuntimeRole() {
        db = AuditFixture.create(AuditRuntimeRoleIT.class.getSimpleName());
        assumeTrue(db.superuser(), "creating the runtime role needs a superuser or CREATEROLE");
        // Roles are cluster-wide and the test server is shared: a name of its own.
        role = "archive_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        db.sql("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        try (PostgresDatabase owner = PostgresDatabase.connect(db.settings, 1)) {
            owner.grantRuntimeRole(role);
        }
        asApp = PostgresDatabase.connect(new DatabaseSettings(db.settings.jdbcUrl(), role, PASSWORD, 4));
        appTrail = new AuditTrailService(asApp.auditLog(), asApp.logTree(), Clock.systemUTC());
        // The owner archives and seals a few, so there is something sealed to attack.
        db.saveAndSeal(3);
    }

    @AfterAll
    static void dropRuntimeRole() {
        if (asApp != null) {
            asApp.close();
        }
        if (role != null) {
            db.sql("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
        db.close();
    }

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(db.settings.jdbcUrl(), role, PASSWORD);
    }

    @Test
    void theRuntimeRole_archivesSealsAndVerifies() {
        PostgresSnapshotStore store = asApp.snapshotStore();
        Snapshot s = AuditFixture.bill(100);
        store.save(s, ReceivedBody.of(AuditFixture.body(s)), Instant.now(), null);
        assertNull(store.findByInvoiceNumber(s.invoiceNumber()).orElseThrow().auditSeq());

        assertTrue(appTrail.sealPending() >= 1);

        assertTrue(store.findByInvoiceNumber(s.invoiceNumber()).orElseThrow().sealed());
        Verification v = appTrail.verify();
        assertTrue(v.ok(), () -> String.valueOf(v.firstBroken()));
        assertEquals(0, v.head().pending());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE billing_snapshots SET total_amount = total_amount + 1",
        "UPDATE billing_snapshots SET received_body = 'forged'",
        "DELETE FROM billing_snapshots",
        "TRUNCATE billing_snapshots CASCADE",
        "UPDATE snapshot_line_items SET amount = 0",
        "DELETE FROM snapshot_line_items",
        "TRUNCATE snapshot_line_items",
        "UPDATE audit_chain SET entry_hash = prev_hash",
        "DELETE FROM audit_chain",
        "TRUNCATE audit_chain",
        "INSERT INTO audit_chain SELECT * FROM audit_chain WHERE seq = 1 "
                + "ON CONFLICT (seq) DO UPDATE SET entry_hash = excluded.prev_hash",
        "SELECT * FROM billing_snapshots FOR UPDATE"
    })
    void theRuntimeRole_cannotChangeOrRemoveArchivedRows(String sql) throws SQLException {
        String before = db.fingerprintAll();
        try (Connection c = app()) {
            String message = AuditFixture.assertRefused(c, sql);
            assertTrue(message.contains("permission denied") || message.contains("immutable"), message);
        }
        assertEquals(before, db.fingerprintAll());
        assertTrue(appTrail.verify().ok());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE billing_snapshots DISABLE TRIGGER billing_snapshots_immutable",
        "ALTER TABLE billing_snapshots DISABLE TRIGGER ALL",
        "ALTER TABLE snapshot_line_items DISABLE TRIGGER snapshot_line_items_immutable",
        "ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_immutable",
        "ALTER TABLE audit_chain ENABLE REPLICA TRIGGER audit_chain_immutable",
        "ALTER TABLE tlog_hashes DISABLE TRIGGER tlog_hashes_immutable",
        "ALTER TABLE tlog_checkpoints DISABLE TRIGGER ALL",
        "DROP TRIGGER billing_snapshots_immutable ON billing_snapshots",
        "CREATE OR REPLACE FUNCTION archive_forbid_change() RETURNS trigger LANGUAGE plpgsql "
                + "AS $$ BEGIN RETURN NEW; END $$",
        "ALTER TABLE audit_chain DROP CONSTRAINT audit_chain_pkey",
        "SET session_replication_role = replica"
    })
    void theRuntimeRole_cannotDisableTheGuards(String sql) throws SQLException {
        try (Connection c = app()) {
            String message = AuditFixture.assertRefused(c, sql);
            assertTrue(message.contains("must be owner") || message.contains("permission denied"), message);
        }
        // A row guard and a TRUNCATE guard on each of the five append-only tables.
        assertEquals(10, db.scalar("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%immutable' OR tgname LIKE "
                + "'%no_truncate'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DELETE FROM audit_pending",
        "INSERT INTO audit_chain SELECT seq + 1000, snapshot_id, invoice_number, content_sha256, record_sha256, "
                + "archived_at, prev_hash, entry_hash, sealed_at FROM audit_chain WHERE seq = 1",
        "INSERT INTO tlog_hashes SELECT idx + 100000, hash FROM tlog_hashes LIMIT 1",
        // A pair with a newest time in the future would hide the account's bills from a company search (V15).
        "INSERT INTO snapshot_company_names VALUES ('FORGED', 'Forged Co', TIMESTAMPTZ '2999-01-01 00:00:00+00')",
        "UPDATE snapshot_company_names SET newest_archived_at = TIMESTAMPTZ '2999-01-01 00:00:00+00'",
        "INSERT INTO flyway_schema_history SELECT installed_rank + 1000, version, description, type, script, checksum, "
                + "installed_by, installed_on, execution_time, success FROM flyway_schema_history LIMIT 1"
    })
    void theRuntimeRole_writesTheChainTheLogAndTheNamesOnlyThroughTheOwnersFunctions(String sql) throws SQLException {
        String before = db.fingerprintAll();
        try (Connection c = app()) {
            String message = AuditFixture.assertRefused(c, sql);
            assertTrue(message.contains("permission denied"), message);
        }
        assertEquals(before, db.fingerprintAll());
        assertTrue(appTrail.verify().ok());
    }
}
