package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facts the database fixes itself (migration V13): a snapshot's archive time is the database's clock, whatever the
 * inserting statement says, and the service reports the time as stored. And the one it cannot know, who sent the bill,
 * is checked for its shape when given.
 */
class DatabaseSetsFactsIT {
    private static final Instant Y2000 = Instant.parse("2000-01-01T00:00:00Z");
    /** A row with every column a snapshot needs, offering its own archive time; {@code %s} the invoice number. */
    private static final String INSERT_OFFERING_2000 = """
            INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year,
                billing_month, archived_at, total_amount, billing_data_text, invoice_csv, received_body,
                content_sha256, record_sha256, created_by)
            VALUES ('RAW-' || ?, 'Raw Co', ?, 2025, 1, TIMESTAMPTZ '2000-01-01 00:00:00+00', 1.00, '{}', '', '{}',
                    repeat('a', 64), repeat('b', 64), 'raw')
            RETURNING archived_at
            """;

    private static AuditFixture db;

    @BeforeAll
    static void migrate() {
        db = AuditFixture.create(DatabaseSetsFactsIT.class.getSimpleName());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anInsertOfferingTheYear2000_asTheServicesDatabaseUser_storesTheDatabasesNow() throws SQLException {
        try (Connection c = db.admin()) {
            Instant before = databaseNow(c);
            Instant returned;
            try (PreparedStatement st = c.prepareStatement(INSERT_OFFERING_2000)) {
                st.setString(1, "Y2K");
                st.setString(2, "RAW-Y2K");
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    returned = rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            }
            Instant after = databaseNow(c);
            Instant stored = storedArchivedAt(c, "RAW-Y2K");

            assertEquals(returned, stored, "RETURNING reports the stored value");
            assertTrue(!stored.isBefore(before) && !stored.isAfter(after),
                    "stored " + stored + " is not the database's now, between " + before + " and " + after);
            assertFalse(stored.equals(Y2000));
        }
    }

    @Test
    void theRowsOfOneStatement_shareOneArchiveTime_thatOfTheStatement() throws SQLException {
        try (Connection c = db.admin(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_sleep(0.05)"); // the transaction starts well before the archiving statement
            Instant transactionStart = databaseInstant(c, "SELECT now()");
            st.executeUpdate("""
                    INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year,
                        billing_month, archived_at, total_amount, billing_data_text, invoice_csv, received_body,
                        content_sha256, record_sha256, created_by)
                    SELECT 'RAW-M' || g, 'Raw Co', 'RAW-M' || g, 2025, 1, TIMESTAMPTZ '2000-01-01 00:00:00+00' + g * INTERVAL '1 day',
                           1.00, '{}', '', '{}', repeat('a', 64), repeat('b', 64), 'raw'
                      FROM generate_series(1, 50) AS g
                    """);
            c.commit();
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT archived_at FROM billing_snapshots "
                    + "WHERE invoice_number LIKE 'RAW-M%'")) {
                while (rs.next()) {
                    times.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            assertEquals(1, times.size(), "one statement, one archive time: " + times);
            assertTrue(times.getFirst().isAfter(transactionStart),
                    "the statement's time, not the transaction's start (" + transactionStart + "): " + times);
        }
    }

    @Test
    void theStore_reportsTheTimeAsStored_andTheChainSealsThatTime() throws SQLException {
        try (AuditFixture fresh = AuditFixture.create(DatabaseSetsFactsIT.class.getSimpleName() + "_store");
             Connection c = fresh.admin()) {
            Snapshot bill = AuditFixture.bill(1);
            Instant before = databaseNow(c);
            ArchivedSnapshot saved = ((SaveResult.Saved) fresh.store.save(bill,
                    ReceivedBody.of(AuditFixture.body(bill)), Y2000, null))
                    .snapshot();
            Instant after = databaseNow(c);

            assertTrue(!saved.archivedAt().isBefore(before) && !saved.archivedAt().isAfter(after),
                    "saved at " + saved.archivedAt() + ", not between " + before + " and " + after);
            assertEquals(saved.archivedAt(), storedArchivedAt(c, bill.invoiceNumber().value()));
            assertEquals(saved.archivedAt(), fresh.store.findByInvoiceNumber(bill.invoiceNumber()).orElseThrow()
                    .archivedAt());

            assertEquals(1, fresh.trail.sealPending());
            assertEquals(saved.archivedAt(), fresh.log.head().last().archivedAt(), "the chain seals the stored time");
            fresh.assertIntact(1);
        }
    }

    @Test
    void underReplicationRoleReplica_aRowKeepsTheTimeItCameWith() throws SQLException {
        // What a logical replication subscriber and the bench loader (superusers) rely on: an ordinary trigger.
        assumeTrue(db.superuser(), "only a superuser may set session_replication_role");
        try (Connection c = db.admin(); Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = replica");
            try (PreparedStatement insert = c.prepareStatement(INSERT_OFFERING_2000)) {
                insert.setString(1, "REPLICA");
                insert.setString(2, "RAW-REPLICA");
                insert.executeQuery().close();
            }
            st.execute("SET session_replication_role = origin");
            assertEquals(Y2000, storedArchivedAt(c, "RAW-REPLICA"));
        }
    }

    @Test
    void submittedBy_namesAServiceOrAUser_orIsMissing() throws SQLException {
        String insert = """
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year,
                    billing_month, total_amount, billing_data_text, invoice_csv, received_body, content_sha256,
                    record_sha256, created_by, submitted_by)
                VALUES (?, 'Raw Co', ?, 2025, 2, 1.00, '{}', '', '{}', repeat('a', 64), repeat('b', 64), 'raw', ?)
                """;
        try (Connection c = db.admin(); PreparedStatement st = c.prepareStatement(insert)) {
            String[][] accepted = {{"SB-1", "service:ledger"}, {"SB-2", "user:ann@example.com"}, {"SB-3", null}};
            for (String[] row : accepted) {
                st.setString(1, row[0]);
                st.setString(2, row[0]);
                st.setString(3, row[1]);
                assertEquals(1, st.executeUpdate(), row[0]);
            }
            for (String refused : new String[]{"ledger", "system:scheduler", "service:", "user:   ", ""}) {
                st.setString(1, "SB-X");
                st.setString(2, "SB-X");
                st.setString(3, refused);
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, st::executeUpdate,
                        () -> "accepted submitted_by '" + refused + "'");
                assertEquals("23514", e.getSQLState(), e.getMessage()); // check_violation
            }
        }
    }

    private static Instant databaseNow(Connection c) throws SQLException {
        return databaseInstant(c, "SELECT clock_timestamp()");
    }

    private static Instant databaseInstant(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private static Instant storedArchivedAt(Connection c, String invoice) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT archived_at FROM billing_snapshots WHERE invoice_number = ?")) {
            st.setString(1, invoice);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "no row " + invoice);
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
