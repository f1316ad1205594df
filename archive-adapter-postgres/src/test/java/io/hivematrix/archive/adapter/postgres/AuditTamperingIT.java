package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hivematrix.archive.application.port.in.AuditTrail.Broken;
import io.hivematrix.archive.application.port.in.AuditTrail.Verification;
import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A superuser who gets past the guards (by disabling them, or with {@code session_replication_role}) can change
 * anything; verification must then find the first record that no longer matches and name it. Each test tampers
 * with a database of its own: five snapshots, sealed as seq 1..5 in invoice order.
 */
class AuditTamperingIT {
    private static final int N = 5;
    private AuditFixture db;
    private List<Long> ids;

    @BeforeEach
    void archiveAndSeal(TestInfo test) {
        db = AuditFixture.create(test.getTestMethod().orElseThrow().getName());
        assumeTrue(db.superuser(), "tampering past the guards needs a superuser");
        ids = db.saveAndSeal(N);
        db.assertIntact(N);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The snapshot id of INV-0000{@code i}, which was sealed at seq {@code i}. */
    private long id(int i) {
        return ids.get(i - 1);
    }

    private Broken firstBroken() {
        Verification v = db.verify();
        assertFalse(v.ok(), "tampering went unnoticed");
        assertEquals(N, v.head().last().seq(), "the head still shows the whole chain");
        return v.firstBroken();
    }

    private static void assertNamed(Broken broken, long seq, int invoice, String problem) {
        assertEquals(seq, broken.seq(), broken::toString);
        assertEquals(AuditFixture.invoice(invoice), broken.invoiceNumber(), broken::toString);
        assertEquals(problem, broken.problem(), broken::toString);
        assertNotEquals(broken.expected(), broken.found(), broken::toString);
    }

    /** Runs {@code sql} with the row guard of {@code table} disabled, then puts it back as it was (ALWAYS). */
    private void unguarded(String table, String... sql) {
        List<String> all = new ArrayList<>();
        all.add("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_immutable");
        all.addAll(List.of(sql));
        all.add("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table + "_immutable");
        db.sql(all.toArray(String[]::new));
    }

    /**
     * Runs {@code sql} with every trigger of {@code tables} disabled, the foreign keys' included, then enables
     * them again and the guards as ALWAYS.
     */
    private void withoutAnyTriggers(List<String> tables, String... sql) {
        List<String> all = new ArrayList<>();
        tables.forEach(t -> all.add("ALTER TABLE " + t + " DISABLE TRIGGER ALL"));
        all.addAll(List.of(sql));
        for (String t : tables) {
            all.add("ALTER TABLE " + t + " ENABLE TRIGGER ALL");
            all.add("ALTER TABLE " + t + " ENABLE ALWAYS TRIGGER " + t + "_immutable");
            all.add("ALTER TABLE " + t + " ENABLE ALWAYS TRIGGER " + t + "_no_truncate");
        }
        db.sql(all.toArray(String[]::new));
    }

    private String recordSha256At(long seq) {
        return db.text("SELECT record_sha256 FROM audit_chain WHERE seq = " + seq);
    }

    @Test
    void aChangedAmount_isNamed() {
        String sealed = recordSha256At(3);
        unguarded("billing_snapshots",
                "UPDATE billing_snapshots SET total_amount = total_amount + 0.01 WHERE id = " + id(3));
        assertEquals("400.01", db.store.findByInvoiceNumber(new InvoiceNumber(AuditFixture.invoice(3))).orElseThrow()
                .snapshot().charges().total().toString(), "the tampering took");

        Broken broken = firstBroken();
        assertNamed(broken, 3, 3, "stored record (columns or line items)");
        assertEquals(sealed, broken.expected());
    }

    @Test
    void aChangedBody_isNamed_evenWhenItsHashColumnIsChangedToMatch() {
        String sealed = db.text("SELECT content_sha256 FROM audit_chain WHERE seq = 2");
        String forged = "{\"invoice_number\": \"INV-00002\", \"total\": 1}";
        unguarded("billing_snapshots", "UPDATE billing_snapshots SET received_body = '" + forged + "' WHERE id = "
                + id(2),
                "UPDATE billing_snapshots SET content_sha256 = encode(sha256(convert_to(received_body, 'UTF8')), "
                        + "'hex') WHERE id = " + id(2));

        Broken broken = firstBroken();
        assertNamed(broken, 2, 2, "received body");
        assertEquals(sealed, broken.expected());
        assertEquals(Sha256.hex(forged), broken.found());
    }

    @Test
    void aChangedContentHashColumn_isNamed() {
        unguarded("billing_snapshots", "UPDATE billing_snapshots SET content_sha256 = repeat('a', 64) WHERE id = "
                + id(4));

        Broken broken = firstBroken();
        assertNamed(broken, 4, 4, "content_sha256 column");
        assertEquals("a".repeat(64), broken.found());
    }

    @Test
    void aChangedSubmitter_isNamed() {
        String sealed = recordSha256At(3);
        assertEquals("service:ledger", db.text("SELECT submitted_by FROM billing_snapshots WHERE id = " + id(3)));
        unguarded("billing_snapshots", "UPDATE billing_snapshots SET submitted_by = 'user:mallory@example.com' "
                + "WHERE id = " + id(3));
        assertEquals("user:mallory@example.com", db.store.findByInvoiceNumber(new InvoiceNumber(AuditFixture.invoice(3)))
                .orElseThrow().snapshot().submittedBy(), "the tampering took");

        Broken broken = firstBroken();
        assertNamed(broken, 3, 3, "stored record (columns or line items)");
        assertEquals(sealed, broken.expected());
    }

    @Test
    void aSubmitterErased_isNamed_thoughOldBillsHaveNone() {
        // NULL is what a bill archived before submitters were recorded holds; on a bill sealed with one, it is tampering.
        unguarded("billing_snapshots", "UPDATE billing_snapshots SET submitted_by = NULL WHERE id = " + id(2));

        assertNamed(firstBroken(), 2, 2, "stored record (columns or line items)");
    }

    @Test
    void aChangedArchiveTime_isNamed() {
        unguarded("billing_snapshots", "UPDATE billing_snapshots SET archived_at = archived_at - interval '1 day' "
                + "WHERE id = " + id(1));

        assertNamed(firstBroken(), 1, 1, "archived_at");
    }

    @Test
    void aChangedLineItemAmount_isNamed() {
        unguarded("snapshot_line_items", "UPDATE snapshot_line_items SET amount = amount + 1 WHERE snapshot_id = "
                + id(2) + " AND position = 1");

        assertNamed(firstBroken(), 2, 2, "stored record (columns or line items)");
    }

    @Test
    void swappedLineItems_areNamed() {
        long snapshot = id(4);
        unguarded("snapshot_line_items",
                "UPDATE snapshot_line_items SET position = 1000 WHERE snapshot_id = " + snapshot + " AND position = 0",
                "UPDATE snapshot_line_items SET position = 0 WHERE snapshot_id = " + snapshot + " AND position = 1",
                "UPDATE snapshot_line_items SET position = 1 WHERE snapshot_id = " + snapshot + " AND position = 1000");

        assertNamed(firstBroken(), 4, 4, "stored record (columns or line items)");
    }

    @Test
    void aDeletedSnapshot_isNamed() throws SQLException {
        // The row is referenced by its lines and its link: replica mode silences the foreign keys (ordinary
        // triggers), and the ALWAYS guards must be disabled one by one.
        long snapshot = id(4);
        try (Connection c = db.admin(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE billing_snapshots DISABLE TRIGGER billing_snapshots_immutable");
            st.execute("ALTER TABLE snapshot_line_items DISABLE TRIGGER snapshot_line_items_immutable");
            st.execute("SET session_replication_role = replica");
            st.execute("DELETE FROM snapshot_line_items WHERE snapshot_id = " + snapshot);
            assertEquals(1, st.executeUpdate("DELETE FROM billing_snapshots WHERE id = " + snapshot));
            st.execute("SET session_replication_role = origin");
            st.execute("ALTER TABLE billing_snapshots ENABLE ALWAYS TRIGGER billing_snapshots_immutable");
            st.execute("ALTER TABLE snapshot_line_items ENABLE ALWAYS TRIGGER snapshot_line_items_immutable");
        }
        assertTrue(db.store.findByInvoiceNumber(new InvoiceNumber(AuditFixture.invoice(4))).isEmpty());

        Broken broken = firstBroken();
        assertNamed(broken, 4, 4, "snapshot row is missing");
        assertEquals("snapshot " + snapshot, broken.expected());
    }

    @Test
    void aDeletedSnapshotWithItsLink_isNamedByTheGap() {
        // DISABLE TRIGGER ALL takes the guards and the foreign keys off at once.
        long snapshot = id(3);
        withoutAnyTriggers(List.of("billing_snapshots", "snapshot_line_items", "audit_chain"),
                "DELETE FROM audit_chain WHERE snapshot_id = " + snapshot,
                "DELETE FROM snapshot_line_items WHERE snapshot_id = " + snapshot,
                "DELETE FROM billing_snapshots WHERE id = " + snapshot);

        Broken broken = firstBroken();
        assertNamed(broken, 4, 4, "sequence gap");
        assertEquals("3", broken.expected());
        assertEquals("4", broken.found());
    }

    @Test
    void reorderedChainEntries_areNamed() {
        unguarded("audit_chain",
                "UPDATE audit_chain SET seq = 1000 WHERE seq = 2",
                "UPDATE audit_chain SET seq = 2 WHERE seq = 3",
                "UPDATE audit_chain SET seq = 3 WHERE seq = 1000");

        // Seq 2 now holds INV-00003's link, whose predecessor was INV-00002's entry, not INV-00001's.
        assertNamed(firstBroken(), 2, 3, "link to the previous entry");
    }

    @Test
    void snapshotsSwappedBetweenLinks_areNamed() {
        // Keep seq and hashes in place but point the links at each other's snapshots (through a negative
        // snapshot id, which only passes with the foreign key off, so that the unique one holds throughout).
        withoutAnyTriggers(List.of("audit_chain"),
                "UPDATE audit_chain a SET snapshot_id = -a.snapshot_id WHERE seq IN (2, 3)",
                """
                UPDATE audit_chain a
                   SET (snapshot_id, invoice_number, content_sha256, record_sha256, archived_at) =
                       (SELECT -b.snapshot_id, b.invoice_number, b.content_sha256, b.record_sha256, b.archived_at
                          FROM audit_chain b WHERE b.seq = 5 - a.seq)
                 WHERE a.seq IN (2, 3)
                """);

        assertNamed(firstBroken(), 2, 3, "entry hash");
    }

    @Test
    void theLastButOneChainEntryDeleted_isNamedByTheGap() {
        unguarded("audit_chain", "DELETE FROM audit_chain WHERE seq = " + (N - 1));

        Broken broken = firstBroken();
        assertNamed(broken, N, N, "sequence gap");
        assertEquals(Long.toString(N - 1), broken.expected());
        assertEquals(Long.toString(N), broken.found());
    }

    @Test
    void theNewestChainEntryDeleted_isCaughtByTheLogThatStillHoldsItsLeaf() {
        unguarded("audit_chain", "DELETE FROM audit_chain WHERE seq = " + N);

        Verification v = db.verify();
        assertFalse(v.ok());
        assertEquals(N - 1, v.checked(), "the shortened chain itself still links up");
        assertEquals("transparency log has leaves the chain does not", v.firstBroken().problem());
        assertEquals(N, v.firstBroken().seq());
        assertEquals(N + " leaves", v.firstBroken().found());
    }

    @Test
    void theNewestChainEntryDeletedWithItsLeaves_leavesItsSnapshotUnaccounted() {
        unguarded("audit_chain", "DELETE FROM audit_chain WHERE seq = " + N);
        // Leaf 4 completes no subtree: its one stored hash is the log's last row.
        unguarded("tlog_hashes", "DELETE FROM tlog_hashes WHERE idx = " + MerkleLog.storedHashIndex(0, N - 1));

        Verification v = db.verify();
        assertFalse(v.ok());
        assertEquals("snapshots that are neither sealed nor queued", v.firstBroken().problem());
        assertEquals("1", v.firstBroken().found());
    }

    @Test
    void aSnapshotInsertedAroundTheQueue_isReported() {
        // No guard stops an INSERT; skipping audit_pending is what gives the row away.
        db.sql("""
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year,
                       billing_month, invoice_date, due_date, archived_at, billing_plan, contract_term, support_level,
                       total_amount, total_user_charges, total_asset_charges, total_backup_charges,
                       total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                       billing_data_text, invoice_csv, received_body, content_sha256, record_sha256, created_by, notes)
                SELECT 'FORGED', company_name, 'FORGED-1', billing_year, billing_month, invoice_date, due_date,
                       archived_at, billing_plan, contract_term, support_level, total_amount, total_user_charges,
                       total_asset_charges, total_backup_charges, total_ticket_charges, total_line_item_charges,
                       user_count, asset_count, billable_hours, billing_data_text, invoice_csv, received_body,
                       content_sha256, record_sha256, created_by, notes
                  FROM billing_snapshots WHERE id = %d
                """.formatted(id(1)));

        Verification v = db.verify();
        assertFalse(v.ok());
        assertEquals(N, v.checked(), "the chain itself is intact");
        Broken broken = v.firstBroken();
        assertEquals(N, broken.seq());
        assertEquals("snapshots that are neither sealed nor queued", broken.problem());
        assertEquals("1", broken.found());
        // The port reports a count, not which rows: the invoice is left unnamed.
        assertNull(broken.invoiceNumber());
    }

    @Test
    void rewritingTheChainAndTheLogFromATamperedRowOn_isCaughtOnlyByACheckpointKeptElsewhere() throws SQLException {
        AuditHead kept = db.log.head(); // e.g. published, or mailed to the auditor, when it was sealed
        Checkpoint witnessed = new Checkpoint("archive.test/log", N, MerkleLog.treeHash(N, db.database.logTree()::read));
        Checkpoint before = new Checkpoint("archive.test/log", 2, MerkleLog.treeHash(2, db.database.logTree()::read));
        unguarded("billing_snapshots",
                "UPDATE billing_snapshots SET total_amount = total_amount * 10 WHERE id = " + id(3));
        String forgedRecord = db.store.findByInvoiceNumber(new InvoiceNumber(AuditFixture.invoice(3)))
                .orElseThrow().snapshot().recordSha256();

        // Patch the link's fingerprint only: its own hash gives it away.
        unguarded("audit_chain", "UPDATE audit_chain SET record_sha256 = '" + forgedRecord + "' WHERE seq = 3");
        assertNamed(firstBroken(), 3, 3, "entry hash");

        // Recompute its hash too: now the next link no longer points at it.
        List<AuditLink> links = new ArrayList<>();
        db.log.readChain((ChainedRecord r) -> links.add(r.link()));
        AuditLink three = links.get(2);
        AuditLink rehashed = AuditLink.next(three.prevHash(), 3, three.snapshotId(), three.invoiceNumber(),
                three.contentSha256(), forgedRecord, three.archivedAt());
        rewrite(List.of(rehashed));
        assertNamed(firstBroken(), 4, 4, "link to the previous entry");

        // Rewrite every later link as well: the chain is consistent again, and only the kept head differs.
        List<AuditLink> rewritten = new ArrayList<>();
        String prev = rehashed.entryHash();
        for (AuditLink l : links.subList(3, N)) {
            AuditLink r = AuditLink.next(prev, l.seq(), l.snapshotId(), l.invoiceNumber(), l.contentSha256(),
                    l.recordSha256(), l.archivedAt());
            rewritten.add(r);
            prev = r.entryHash();
        }
        rewrite(rewritten);
        // The chain is consistent again; the transparency log's stored hashes still hold the old leaf.
        Broken logHash = firstBroken();
        assertEquals(3, logHash.seq(), logHash::toString);
        assertEquals("transparency log hash " + MerkleLog.storedHashIndex(0, 2), logHash.problem());

        // Recompute the log too: the monthly totals, added up again from the bills, still hold the old amount.
        rewriteLog();
        Broken totals = firstBroken();
        assertEquals("monthly totals of 2025-04 differ from its bills", totals.problem(), totals::toString);

        // Rewrite those as well: consistent in itself, and only what was kept elsewhere differs.
        db.sql("DELETE FROM period_totals", "INSERT INTO period_totals SELECT billing_year, billing_month, "
                + "hashtext(company_account_number) & 7, count(*), sum(total_amount), sum(total_user_charges), "
                + "sum(total_asset_charges), sum(total_backup_charges), sum(total_ticket_charges), "
                + "sum(total_line_item_charges) FROM billing_snapshots GROUP BY 1, 2, 3");
        Verification v = db.verify();
        assertTrue(v.ok(), () -> "a full rewrite by a superuser is consistent in itself: " + v.firstBroken());
        assertEquals(kept.last().seq(), v.head().last().seq());
        assertNotEquals(kept.last().entryHash(), v.head().last().entryHash(),
                "the head kept elsewhere exposes the rewrite");
        Verification checked = db.trail.verify(List.of(before, witnessed));
        assertFalse(checked.ok(), "a checkpoint kept elsewhere exposes the rewrite");
        assertEquals(1, checked.checkpointsMatched(), "the checkpoint before the rewritten leaf still matches");
        assertTrue(checked.firstBroken().problem().startsWith("root at checkpoint 5: a record among leaves 2 to 4"),
                checked.firstBroken().problem());
    }

    /** Rebuilds every stored hash of the log from the chain as it now stands, as a superuser could. */
    private void rewriteLog() throws SQLException {
        List<AuditLink> links = new ArrayList<>();
        db.log.readChain((ChainedRecord r) -> links.add(r.link()));
        List<LogHash> stored = new ArrayList<>();
        for (AuditLink l : links) {
            stored.addAll(MerkleLog.storedHashesForLeaf(l.seq() - 1, l.leafHash(),
                    idx -> java.util.Arrays.stream(idx).mapToObj(i -> stored.get((int) i)).toList()));
        }
        try (Connection c = db.admin()) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE tlog_hashes DISABLE TRIGGER tlog_hashes_immutable");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE tlog_hashes SET hash = ? WHERE idx = ?")) {
                for (int i = 0; i < stored.size(); i++) {
                    ps.setBytes(1, stored.get(i).bytes());
                    ps.setLong(2, i);
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE tlog_hashes ENABLE ALWAYS TRIGGER tlog_hashes_immutable");
            }
        }
    }

    private void rewrite(List<AuditLink> links) throws SQLException {
        try (Connection c = db.admin()) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_immutable");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_chain SET record_sha256 = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?")) {
                for (AuditLink l : links) {
                    ps.setString(1, l.recordSha256());
                    ps.setString(2, l.prevHash());
                    ps.setString(3, l.entryHash());
                    ps.setLong(4, l.seq());
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_immutable");
            }
        }
    }
}
