package io.hivematrix.archive.bench.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Loads {@code --count} realistic snapshots straight into the archive's PostgreSQL with COPY, each row built by
 * the service's own create path, queued for the audit sealer like any other. Refuses a non-empty archive. Connects
 * as a superuser (default {@code postgres}): the load keeps the generated archive times (see ParallelLoad).
 */
public final class GenerateSnapshots {
    private GenerateSnapshots() {
    }

    public static void main(String[] args) throws Exception {
        GeneratorOptions options = GeneratorOptions.parse(args);
        try (Connection connection = connect(options); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM billing_snapshots) AS any")) {
            rs.next();
            if (rs.getBoolean(1)) {
                // Generated invoice numbers would clash with what is there: start from an empty data directory.
                System.err.println("generate: billing_snapshots is not empty; use a fresh data directory");
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        CompanyRoster roster = CompanyRoster.of(options.count(), options.seed());
        long[] bills = roster.billsInArchiveOrder();
        System.out.printf(Locale.ROOT, "generate: %,d snapshots for %,d companies (2016-01..2025-12), %d threads, "
                + "batches of %,d%n", bills.length, roster.companies().size(), options.threads(), options.batch());
        ParallelLoad.Result result = new ParallelLoad(options, roster, bills).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        // bench/large reads this line.
        System.out.printf(Locale.ROOT, "generated %d snapshots, %d line items in %.1f s: %.0f rows/s%n",
                result.snapshots(), result.lineItems(), seconds, result.snapshots() / seconds);
        System.out.printf(Locale.ROOT, "generate: worker time %.1f s building rows (service create path), %.1f s in COPY "
                + "and commit%n", result.buildNanos() / 1e9, result.copyNanos() / 1e9);
    }

    static Connection connect(GeneratorOptions options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
    }
}
