package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.AuditTrail.Verification;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A migrated test database with the archive's adapters over it, plus a superuser's plain JDBC for what the
 * application never does: tampering, inspecting the raw tables, changing the schema under the sealer.
 */
final class AuditFixture implements AutoCloseable {
    final DatabaseSettings settings;
    final PostgresDatabase database;
    final PostgresSnapshotStore store;
    final PostgresAuditLog log;
    final AuditTrailService trail;

    private AuditFixture(DatabaseSettings settings) {
        this.settings = settings;
        this.database = PostgresDatabase.connect(settings);
        database.migrate();
        this.store = database.snapshotStore();
        this.log = database.auditLog();
        this.trail = new AuditTrailService(log, database.logTree(), Clock.systemUTC());
    }

    /** A fresh database named after {@code label}. */
    static AuditFixture create(String label) {
        return new AuditFixture(TestPostgres.newDatabase(label));
    }

    /** A fresh database named after {@code label}, with a pool of {@code poolSize} connections. */
    static AuditFixture create(String label, int poolSize) {
        DatabaseSettings s = TestPostgres.newDatabase(label);
        return new AuditFixture(new DatabaseSettings(s.jdbcUrl(), s.user(), s.password(), poolSize));
    }

    /** The test's bill number {@code i}: line items, a unique account and period, and a body of its own. */
    static Snapshot bill(int i) {
        return SampleSnapshots.bill(invoice(i), String.format("ACC-%05d", i), 2025, 1 + i % 12);
    }

    static String invoice(int i) {
        return String.format("INV-%05d", i);
    }

    static String body(Snapshot s) {
        return "{\"invoice_number\": \"" + s.invoiceNumber().value() + "\", \"note\": \"as received\"}\n";
    }

    /** Saves bills {@code from .. from+count-1} through the store, as the service would. */
    List<Long> save(int from, int count) {
        List<Long> ids = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            Snapshot s = bill(i);
            SaveResult result = store.save(s, ReceivedBody.of(body(s)), Instant.now(), null);
            if (!(result instanceof SaveResult.Saved saved)) {
                throw new AssertionError("bill " + i + " was not saved: " + result);
            }
            ids.add(saved.snapshot().id());
        }
        return ids;
    }

    /** Saves {@code count} bills and seals them all; returns their ids, in chain order. */
    List<Long> saveAndSeal(int count) {
        List<Long> ids = save(1, count);
        assertEquals(count, trail.sealPending());
        return ids;
    }

    Verification verify() {
        return trail.verify();
    }

    void assertIntact(long checked) {
        Verification v = trail.verify();
        assertTrue(v.ok(), () -> "chain should verify, first broken: " + v.firstBroken());
        assertEquals(checked, v.checked());
    }

    /** A new connection as the test database's (super)user, outside the pool, so session settings die with it. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** Runs statements as the superuser, in one session, each committed on its own. */
    void sql(String... statements) {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("tampering SQL failed: " + e.getMessage(), e);
        }
    }

    long scalar(String sql) {
        try (Connection c = admin(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    String text(String sql) {
        try (Connection c = admin(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Every row of {@code table} as text, in a stable order: equal fingerprints mean nothing changed. */
    String fingerprint(String table) {
        return text("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                + table + " t");
    }

    /** The archive's tables that a guard or a privilege must keep as they are. */
    String fingerprintAll() {
        return fingerprint("billing_snapshots") + " " + fingerprint("snapshot_line_items") + " "
                + fingerprint("audit_chain") + " " + fingerprint("audit_pending");
    }

    /** Whether the test database's user is a superuser (the embedded server's is; an external one's may not be). */
    boolean superuser() {
        return scalar("SELECT CASE WHEN rolsuper THEN 1 ELSE 0 END FROM pg_roles WHERE rolname = current_user") == 1;
    }

    /** Runs {@code sql} on {@code c} and expects it to be refused with SQLState 42501; returns the message. */
    static String assertRefused(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }, () -> "should have been refused: " + sql);
        if (!"42501".equals(e.getSQLState())) {
            fail("expected SQLState 42501 (insufficient_privilege) for " + sql + " but got " + e.getSQLState()
                    + ": " + e.getMessage(), e);
        }
        return e.getMessage();
    }

    @Override
    public void close() {
        database.close();
    }
}
