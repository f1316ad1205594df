package io.hivematrix.archive.bench.data;

import io.hivematrix.archive.adapter.postgres.SearchStatements;
import io.hivematrix.archive.application.service.SearchSnapshotsService;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Prints {@code EXPLAIN (ANALYZE, BUFFERS)} of the exact statements one search request sends (page and count),
 * parameters bound as the service binds them. Usage: {@code --jdbc-url U [--account A | --company C]
 * [--cursor TOKEN] [--offset N] [--limit 100]}.
 */
public final class ExplainSearch {
    private ExplainSearch() {
    }

    public static void main(String[] args) throws SQLException {
        Map<String, String> flags = GeneratorOptions.Flags.parse(args);
        String account = flags.get("account");
        SnapshotFilter filter = new SnapshotFilter(account == null ? null : new AccountNumber(account), null, null,
                null, null, flags.get("company"), null, null, null, null);
        SnapshotCursor cursor = flags.containsKey("cursor") ? SnapshotCursor.decode(flags.get("cursor")) : null;
        int limit = Integer.parseInt(flags.getOrDefault("limit", "100"));
        int offset = Integer.parseInt(flags.getOrDefault("offset", "0"));
        try (Connection connection = DriverManager.getConnection(GeneratorOptions.Flags.required(flags, "jdbc-url"),
                flags.getOrDefault("user", "postgres"), null)) {
            SearchStatements sql = SearchStatements.of(connection, filter);
            if (filter.companyContains() != null) {
                System.out.println("-- company text matched " + (sql.companyPairs() < 0 ? "too many to read"
                        : sql.companyPairs()) + " (account, name) pair(s)" + (sql.renamed() ? ", names tested row by row" : ""));
            }
            explain(connection, "page", sql.page(cursor, offset, limit));
            if (sql.count(SearchSnapshotsService.EXACT_TOTAL_UP_TO + 1) == null) {
                System.out.println("-- count (total, bounded): none sent; the matching name pairs alone pass the bound");
            } else {
                explain(connection, "count (total, bounded)", sql.count(SearchSnapshotsService.EXACT_TOTAL_UP_TO + 1));
            }
        }
    }

    private static void explain(Connection connection, String what, SearchStatements.Statement statement)
            throws SQLException {
        System.out.println("-- " + what + ": " + statement.sql().replaceAll("\\s+", " ").trim());
        System.out.println("-- params: " + statement.params().stream()
                .map(p -> p instanceof Object[] array ? array.length + " values" : String.valueOf(p)).toList());
        try (PreparedStatement st = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
            for (int i = 0; i < statement.params().size(); i++) {
                st.setObject(i + 1, statement.params().get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
    }
}
