package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database's own guards (V3): even the tables' owner, here a superuser, cannot change or remove an archived
 * snapshot, its line items or a chain link through ordinary DML, and {@code session_replication_role = replica}
 * (which silences ordinary triggers, foreign keys included) does not silence them, because they are
 * {@code ENABLE ALWAYS}. Only DDL on the guards themselves gets past them: that is what {@link AuditTamperingIT}
 * does, and what verification detects.
 */
class AuditGuardsIT {
    private static final int SEALED = 4;
    private static AuditFixture db;
    private static String before;

    @BeforeAll
    static void archiveAndSeal() {
        db = AuditFixture.create(AuditGuardsIT.class.getSimpleName());
        db.saveAndSeal(SEALED);
        db.save(SEALED + 1, 1); // one still queued, so audit_pending is not empty either
        before = db.fingerprintAll();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @AfterEach
    void nothingChanged() {
        assertEquals(before, db.fingerprintAll(), "a refused statement changed the archive");
        db.assertIntact(SEALED);
        assertEquals(1, db.log.head().pending());
    }

    static List<Arguments> forbiddenStatements() {
        List<String> statements = List.of(
                "UPDATE billing_snapshots SET total_amount = total_amount + 1",
                "UPDATE billing_snapshots SET received_body = 'forged' WHERE id = (SELECT min(id) FROM billing_snapshots)",
                "DELETE FROM billing_snapshots",
                "DELETE FROM billing_snapshots WHERE id = (SELECT max(id) FROM billing_snapshots)",
                // Plain TRUNCATE is refused earlier, for the foreign keys; CASCADE reaches the guard.
                "TRUNCATE billing_snapshots CASCADE",
                "UPDATE snapshot_line_items SET amount = amount + 1",
                "UPDATE snapshot_line_items SET position = position + 100",
                "DELETE FROM snapshot_line_items",
                "TRUNCATE snapshot_line_items",
                "UPDATE audit_chain SET entry_hash = prev_hash",
                "UPDATE audit_chain SET seq = seq + 100",
                "DELETE FROM audit_chain",
                "DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)",
                "TRUNCATE audit_chain",
                "INSERT INTO audit_chain SELECT * FROM audit_chain WHERE seq = 1 "
                        + "ON CONFLICT (seq) DO UPDATE SET entry_hash = excluded.prev_hash");
        List<Arguments> out = new ArrayList<>();
        for (boolean replica : new boolean[] {false, true}) {
            for (String sql : statements) {
                out.add(Arguments.of(sql, replica));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "[replica={1}] {0}")
    @MethodSource("forbiddenStatements")
    void theOwner_cannotChangeArchivedRows_evenInReplicaMode(String sql, boolean replica) throws SQLException {
        assumeTrue(!replica || db.superuser(), "only a superuser may set session_replication_role");
        try (Connection c = db.admin()) {
            if (replica) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET session_replication_role = replica");
                }
            }
            String message = AuditFixture.assertRefused(c, sql);
            assertTrue(message.contains("immutable"), message);
        }
    }

    @Test
    void plainTruncateOfSnapshots_isRefusedToo() throws SQLException {
        try (Connection c = db.admin(); Statement st = c.createStatement()) {
            // Refused for the references to it before the guard is reached; either way nothing goes.
            assertThrows(SQLException.class, () -> st.execute("TRUNCATE billing_snapshots"));
        }
    }

    @Test
    void theGuards_areEnabledAlways() {
        // tgenabled 'A' = ENABLE ALWAYS: fires under session_replication_role = replica as well as origin.
        assertEquals(6, db.scalar("""
                SELECT count(*) FROM pg_trigger
                 WHERE tgname IN ('billing_snapshots_immutable', 'billing_snapshots_no_truncate',
                                  'snapshot_line_items_immutable', 'snapshot_line_items_no_truncate',
                                  'audit_chain_immutable', 'audit_chain_no_truncate')
                   AND tgenabled = 'A'
                """));
    }
}
