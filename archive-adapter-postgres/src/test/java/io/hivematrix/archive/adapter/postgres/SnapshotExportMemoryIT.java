package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void export_readsThroughACursorPlannedForItsFirstRows() throws Exception {
        // PostgreSQL plans a declared cursor for its first rows; a statement read by fetch size is planned for all of
        // them, which at 10,000,000 bills meant a 2 GB sort before the first row. Seen from another session while the
        // export hands over its first row; the sink then stops it, as a client that went away does.
        AtomicReference<String> running = new AtomicReference<>();
        class Enough extends RuntimeException {
        }
        assertThrows(RuntimeException.class, () -> database.snapshotStore().export(SnapshotFilter.ALL, s -> {
            running.set(exportsQuery());
            throw new Enough();
        }));
        assertEquals("FETCH FORWARD " + SummaryQueries.FETCH_SIZE + " FROM archive_export", running.get());
    }

    /** What the session exporting is running (or last ran), seen from this one. */
    private static String exportsQuery() {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT query FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                     + "AND state LIKE 'idle in transaction%' AND datname = current_database()")) {
            return rs.next() ? rs.getString(1) : "no session in a transaction";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant newestArchiveTime() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(archived_at) FROM billing_snapshots")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
