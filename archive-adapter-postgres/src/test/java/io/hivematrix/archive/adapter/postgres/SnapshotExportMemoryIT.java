package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.BulkBills;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Export of 200,000 snapshots in a JVM limited to a 64 MiB heap (its own failsafe execution, see the pom):
 * passing at all proves the rows are streamed, since holding them would need several times that heap.
 */
class SnapshotExportMemoryIT {
    private static final int ROWS = 200_000;
    private static PostgresDatabase database;

    @BeforeAll
    static void insertRows() throws Exception {
        // Archive times in pairs, as inserted below.
        database = TestPostgres.migratedChoosingArchiveTimes(SnapshotExportMemoryIT.class);
        long start = System.nanoTime();
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            // One statement: 2,000 accounts × 100 consecutive periods; archive times in pairs, so ties occur.
            st.executeUpdate(BulkBills.insert("E", "Export Co ", "EXP-", 2000, 0, ROWS - 1, 2));
            st.execute("ANALYZE billing_snapshots");
        }
        System.out.printf("inserted %d rows in %d ms%n", ROWS, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void export_streamsTwoHundredThousandRows_newestFirst_inASmallHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 80L * 1024 * 1024, "this test must run with -Xmx64m, but the heap is " + maxHeap);
        SnapshotStore store = database.snapshotStore();
        AtomicLong count = new AtomicLong();
        AtomicReference<SnapshotSummary> previous = new AtomicReference<>();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicReference<SnapshotSummary> first = new AtomicReference<>();
        long start = System.nanoTime();

        store.export(SnapshotFilter.ALL, s -> {
            SnapshotSummary prev = previous.getAndSet(s);
            if (prev == null) {
                first.set(s);
            } else if (!prev.cursor().isBefore(s.archivedAt(), s.id())) {
                outOfOrder.incrementAndGet();
            }
            count.incrementAndGet();
        });

        System.out.printf("exported %d rows in %d ms with max heap %d MiB%n", count.get(),
                (System.nanoTime() - start) / 1_000_000, maxHeap / (1024 * 1024));
        assertEquals(ROWS, count.get());
        assertEquals(0, outOfOrder.get(), "rows out of newest-first order");
        assertEquals(newestArchiveTime(), first.get().archivedAt());
    }

    @Test
    void export_walksTheNewestFirstIndex_insteadOfSortingEveryRow() throws Exception {
        // Planned for its whole result, PostgreSQL sorts a whole-archive export once reading the table in order costs
        // more than reading it all and sorting it (at 10,000,000 bills: a 2 GB sort that yielded no row within the
        // statement timeout). Dear random pages, cheap sequential ones and room to sort make the planner see that here,
        // on 200,000 rows; in the export's own session it walks the index all the same.
        String sql = SnapshotSql.SELECT_SUMMARY + SnapshotSql.NEWEST_FIRST;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL random_page_cost = 100");
                st.execute("SET LOCAL seq_page_cost = 0.01");
                st.execute("SET LOCAL work_mem = '1GB'");
                assertTrue(plan(st, sql).contains("Sort"), "the planner should prefer sorting here:\n" + plan(st, sql));
                for (String setting : SnapshotSql.exportSession(SummaryQueries.EXPORT_STATEMENT_TIMEOUT)) {
                    st.execute(setting);
                }
                String plan = plan(st, sql);
                assertTrue(plan.contains("Index Scan using ix_billing_snapshots_archived_at") && !plan.contains("Sort"),
                        plan);
            } finally {
                c.rollback();
            }
        }
    }

    private static String plan(Statement st, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static Instant newestArchiveTime() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(archived_at) FROM billing_snapshots")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
