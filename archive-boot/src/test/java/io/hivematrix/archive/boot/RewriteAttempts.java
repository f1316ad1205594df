package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What someone holding the runtime role's password tries in order to rewrite the archive, each of which the database
 * must refuse for lack of privilege (SQLState 42501), leaving every archived row as it was.
 */
final class RewriteAttempts {
    private RewriteAttempts() {
    }

    /** The attempts, by name; each runs in a transaction of its own. Needs at least one sealed bill. */
    static Map<String, String> attempts() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("UPDATE a bill", "UPDATE billing_snapshots SET total_amount = total_amount + 1");
        a.put("DELETE a bill", "DELETE FROM billing_snapshots");
        a.put("TRUNCATE the bills", "TRUNCATE billing_snapshots CASCADE");
        a.put("DISABLE TRIGGER", "ALTER TABLE billing_snapshots DISABLE TRIGGER ALL");
        a.put("DROP TRIGGER", "DROP TRIGGER billing_snapshots_immutable ON billing_snapshots");
        a.put("CREATE OR REPLACE the guard function", "CREATE OR REPLACE FUNCTION archive_forbid_change() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        a.put("CREATE OR REPLACE the sealing function", "CREATE OR REPLACE FUNCTION archive_seal(p_max integer, "
                + "p_sealed_at timestamptz) RETURNS SETOF audit_chain LANGUAGE sql AS $$ SELECT * FROM audit_chain $$");
        a.put("CREATE a function in the schema", "CREATE FUNCTION archive_shadow() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$");
        a.put("CREATE a table in the schema", "CREATE TABLE archive_shadow (id int)");
        a.put("INSERT into the chain", "INSERT INTO audit_chain SELECT seq + 1000, snapshot_id, invoice_number, "
                + "content_sha256, record_sha256, archived_at, prev_hash, entry_hash, sealed_at FROM audit_chain LIMIT 1");
        a.put("UPDATE the chain", "UPDATE audit_chain SET entry_hash = prev_hash");
        a.put("INSERT into the log", "INSERT INTO tlog_hashes SELECT idx + 100000, hash FROM tlog_hashes LIMIT 1");
        a.put("DELETE a checkpoint", "DELETE FROM tlog_checkpoints");
        a.put("DELETE from the seal queue", "DELETE FROM audit_pending");
        a.put("INSERT into Flyway's history", "INSERT INTO flyway_schema_history (installed_rank, version, description, "
                + "type, script, checksum, installed_by, execution_time, success) VALUES (9999, '9999', 'x', 'SQL', "
                + "'V9999__x.sql', 0, 'x', 0, true)");
        a.put("UPDATE Flyway's history", "UPDATE flyway_schema_history SET checksum = 0");
        a.put("line items: UPDATE", "UPDATE snapshot_line_items SET amount = 0");
        return a;
    }

    /** Runs every attempt as {@code runtime} and fails naming each one the database let through. */
    static void assertAllRefused(DatabaseSettings runtime) throws SQLException {
        String before = fingerprint(runtime);
        List<String> allowed = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
            c.setAutoCommit(false);
            for (Map.Entry<String, String> attempt : attempts().entrySet()) {
                try (Statement s = c.createStatement()) {
                    s.execute(attempt.getValue());
                    allowed.add(attempt.getKey());
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) {
                        allowed.add(attempt.getKey() + " failed for another reason (" + e.getSQLState() + ": "
                                + e.getMessage() + ")");
                    }
                } finally {
                    c.rollback();
                }
            }
        }
        assertTrue(allowed.isEmpty(), "the runtime role " + runtime.user() + " could: " + allowed);
        assertEquals(before, fingerprint(runtime), "the archived rows are as they were");
    }

    /** The archive's rows in one line: counts and an md5 over the bills, the chain and Flyway's history. */
    static String fingerprint(DatabaseSettings db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT (SELECT count(*) FROM billing_snapshots) || '/' || (SELECT count(*) FROM audit_chain)
                            || '/' || (SELECT md5(string_agg(b::text, ',' ORDER BY id)) FROM billing_snapshots b)
                            || '/' || (SELECT md5(string_agg(c::text, ',' ORDER BY seq)) FROM audit_chain c)
                            || '/' || (SELECT md5(string_agg(f::text, ',' ORDER BY installed_rank))
                                         FROM flyway_schema_history f)
                     """)) {
            rs.next();
            if (rs.getString(1) == null || rs.getString(1).startsWith("0/")) {
                fail("no archived bills to attempt a rewrite on");
            }
            return rs.getString(1);
        }
    }
}
