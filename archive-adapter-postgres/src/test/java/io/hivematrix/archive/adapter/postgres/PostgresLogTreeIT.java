package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.OldSchemaSnapshots;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.MerkleLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log tree on PostgreSQL: the contract, and a chain sealed before the log existed being caught up. */
class PostgresLogTreeIT extends LogTreeContract {
    private final List<PostgresDatabase> opened = new ArrayList<>();
    private DatabaseSettings settings;

    @Override
    protected Parts newParts() {
        settings = TestPostgres.newDatabase(PostgresLogTreeIT.class);
        PostgresDatabase database = PostgresDatabase.connect(settings);
        opened.add(database);
        database.migrate();
        return new Parts(database.snapshotStore(), database.auditLog(), database.logTree());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(PostgresDatabase::close);
    }

    @Test
    void aChainSealedBeforeTheLogExisted_isCaughtUpInBatches_beforeAnythingNewIsSealed() throws SQLException {
        DatabaseSettings old = TestPostgres.newDatabase("log_catch_up");
        PostgresDatabase database = PostgresDatabase.connect(old);
        opened.add(database);
        database.migrateTo("10");
        // Sealed as the code before the log did: links only, written here because that code is gone.
        List<AuditLink> links = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(old.jdbcUrl(), old.user(), old.password())) {
            for (int i = 1; i <= 25; i++) {
                var s = SampleSnapshots.bill(String.format("INV-OLD%03d", i), String.format("ACC-OLD%03d", i), 2023,
                        1 + i % 12);
                OldSchemaSnapshots.save(database.dataSource(), s.withSubmittedBy(null), "{}",
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, invoice_number, content_sha256, record_sha256, archived_at"
                         + " FROM billing_snapshots ORDER BY id")) {
                String prev = AuditLink.GENESIS;
                while (rs.next()) {
                    AuditLink link = AuditLink.next(prev, links.size() + 1L, rs.getLong(1),
                            new InvoiceNumber(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant());
                    links.add(link);
                    prev = link.entryHash();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_chain (seq, snapshot_id, "
                    + "invoice_number, content_sha256, record_sha256, archived_at, prev_hash, entry_hash, sealed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())")) {
                for (AuditLink l : links) {
                    insert.setLong(1, l.seq());
                    insert.setLong(2, l.snapshotId());
                    insert.setString(3, l.invoiceNumber().value());
                    insert.setString(4, l.contentSha256());
                    insert.setString(5, l.recordSha256());
                    insert.setTimestamp(6, Timestamp.from(l.archivedAt()));
                    insert.setString(7, l.prevHash());
                    insert.setString(8, l.entryHash());
                    insert.executeUpdate();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM audit_pending");
            }
        }
        database.migrate();
        database.snapshotStore().save(SampleSnapshots.bill("INV-NEW001", "ACC-NEW001", 2023, 1),
                ReceivedBody.of("{}"), Instant.now(), null);
        PostgresAuditLog log = database.auditLog();

        assertEquals(10, log.sealPending(10, Instant.now()), "first ten old links");
        assertEquals(10, database.logTree().size());
        assertEquals(1, log.head().pending(), "the new bill waits while the log catches up");
        assertEquals(10, log.sealPending(10, Instant.now()));
        assertEquals(5, log.sealPending(10, Instant.now()), "the last five old links");
        assertEquals(25, database.logTree().size());
        assertEquals(1, log.sealPending(10, Instant.now()), "then the new bill");
        assertEquals(26, database.logTree().size());

        List<AuditLink> all = new ArrayList<>();
        log.readChain(r -> all.add(r.link()));
        assertEquals(links, all.subList(0, 25));
        assertEquals(Reference.mth(all.stream().map(AuditLink::leafData).toList()),
                MerkleLog.treeHash(26, database.logTree()::read));
        assertTrue(database.logTree().leaf(new InvoiceNumber("INV-NEW001")).orElseThrow().sealed());
    }
}
