package io.hivematrix.archive.bench.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workers that each take the next batch of bills in archive order, reserve ids for it, build the rows and
 * COPY them on their own connection; one batch in memory per worker, so the load's footprint stays flat.
 */
final class ParallelLoad {
    /** Ids come from the table's identity sequence, so the service's own inserts continue after them. */
    private static final String RESERVE_IDS =
            "SELECT nextval(pg_get_serial_sequence('billing_snapshots', 'id')) FROM generate_series(1, ?)";
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** What was loaded, and the workers' time split between building rows and COPYing them. */
    record Result(long snapshots, long lineItems, long buildNanos, long copyNanos) {
    }

    private final GeneratorOptions options;
    private final CompanyRoster roster;
    private final long[] bills;
    private final AtomicInteger nextBatch = new AtomicInteger();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong lineItems = new AtomicLong();
    private final AtomicLong buildNanos = new AtomicLong();
    private final AtomicLong copyNanos = new AtomicLong();

    ParallelLoad(GeneratorOptions options, CompanyRoster roster, long[] bills) {
        this.options = options;
        this.roster = roster;
        this.bills = bills;
    }

    Result run() throws Exception {
        long started = System.nanoTime();
        // Daemon workers: when one fails, main reports it and the JVM ends without waiting for the others.
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), Thread.ofPlatform().daemon().factory());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < options.threads(); i++) {
                workers.add(pool.submit(() -> {
                    work();
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                while (true) {
                    try {
                        worker.get(PROGRESS_EVERY_NANOS, TimeUnit.NANOSECONDS);
                        break;
                    } catch (TimeoutException e) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.out.printf(Locale.ROOT, "generate: %,d / %,d after %.0f s (%.0f rows/s)%n",
                                snapshots.get(), bills.length, seconds, snapshots.get() / seconds);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(snapshots.get(), lineItems.get(), buildNanos.get(), copyNanos.get());
    }

    private void work() throws SQLException {
        ProductionPath path = new ProductionPath();
        try (Connection connection = GenerateSnapshots.connect(options)) {
            try (Statement st = connection.createStatement()) {
                // The trigram GIN index takes new rows into its pending list; a larger list is merged less often,
                // in bigger and cheaper steps (VACUUM ANALYZE after the load merges the rest).
                st.execute("SET gin_pending_list_limit = '64MB'");
                // The generated archive times (2016..2025) must stay as generated: as replica, this session skips the
                // ordinary trigger that would stamp the database's clock on every row (V13). The guards and the
                // company-name trigger fire always; foreign keys go unchecked, which the generator's rows satisfy
                // anyway (each batch COPYs snapshots before their lines and queue entries). Needs a superuser, as
                // the bench connects (postgres).
                st.execute("SET session_replication_role = replica");
            }
            connection.setAutoCommit(false);
            int batches = (bills.length + options.batch() - 1) / options.batch();
            for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                int from = b * options.batch();
                int to = Math.min(bills.length, from + options.batch());
                long t0 = System.nanoTime();
                long[] ids = reserveIds(connection, to - from);
                List<StoredSnapshot> rows = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    Company company = roster.companies().get(CompanyRoster.companyIndex(bills[i]));
                    LedgerBill bill = LedgerBill.of(company, CompanyRoster.month(bills[i]), options.maxLines());
                    rows.add(path.archive(ids[i - from], bill.body, bill.archivedAt));
                }
                long t1 = System.nanoTime();
                lineItems.addAndGet(CopyBatch.write(connection, rows));
                buildNanos.addAndGet(t1 - t0);
                copyNanos.addAndGet(System.nanoTime() - t1);
                snapshots.addAndGet(rows.size());
            }
        }
    }

    private static long[] reserveIds(Connection connection, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement st = connection.prepareStatement(RESERVE_IDS)) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }
}
