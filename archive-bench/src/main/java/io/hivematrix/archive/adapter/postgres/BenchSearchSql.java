package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.service.SearchSnapshotsService;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench access to the statements a search sends (PostgresSnapshotStore.search and countAtMost), built by the
 * adapter's own package-private SnapshotSql and SnapshotWhere, so query plans are taken of the real SQL.
 */
public final class BenchSearchSql {
    /** One statement with its bound parameters, in order. */
    public record Statement(String sql, List<Object> params) {
    }

    private final SnapshotFilter filter;
    private final List<String> companyAccounts;

    private BenchSearchSql(SnapshotFilter filter, List<String> companyAccounts) {
        this.filter = filter;
        this.companyAccounts = companyAccounts;
    }

    /** The statements for {@code filter}; a company text is first resolved to accounts, as the store does. */
    public static BenchSearchSql of(Connection connection, SnapshotFilter filter) throws SQLException {
        List<String> accounts = new ArrayList<>();
        if (filter.companyContains() != null) {
            try (PreparedStatement st = connection.prepareStatement(SnapshotSql.ACCOUNTS_BY_COMPANY_NAME)) {
                st.setString(1, SnapshotWhere.likeContains(filter.companyContains()));
                st.setInt(2, PostgresSnapshotStore.MAX_BOUND_ACCOUNTS + 1);
                try (ResultSet rows = st.executeQuery()) {
                    while (rows.next()) {
                        accounts.add(rows.getString(1));
                    }
                }
            }
        }
        return new BenchSearchSql(filter, accounts.size() > PostgresSnapshotStore.MAX_BOUND_ACCOUNTS ? null
                : List.copyOf(new java.util.LinkedHashSet<>(accounts)));
    }

    /** How many accounts the company text matched (0 without one), or -1 when too many to bind. */
    public int companyAccounts() {
        return companyAccounts == null ? -1 : companyAccounts.size();
    }

    /** The page query of {@code GET /api/snapshots/search}: after {@code cursor} if given, else at {@code offset}. */
    public Statement page(SnapshotCursor cursor, int offset, int limit) {
        SnapshotWhere where = SnapshotWhere.of(filter, cursor, companyAccounts);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(cursor == null ? offset : 0);
        return new Statement(SnapshotSql.page(where.sql()), params);
    }

    /** The {@code total} every search page also computes (without the cursor), bounded as the service bounds it. */
    public Statement count() {
        SnapshotWhere where = SnapshotWhere.of(filter, null, companyAccounts);
        List<Object> params = new ArrayList<>(where.params());
        params.add(SearchSnapshotsService.EXACT_TOTAL_UP_TO + 1);
        return new Statement(SnapshotSql.COUNT_AT_MOST_HEAD + where.sql() + SnapshotSql.COUNT_AT_MOST_TAIL, params);
    }

    /** The export's query: every matching row, newest first, read through a cursor. */
    public Statement export() {
        SnapshotWhere where = SnapshotWhere.of(filter, null, companyAccounts);
        return new Statement(SnapshotSql.SELECT_SUMMARY + where.sql() + SnapshotSql.NEWEST_FIRST, where.params());
    }
}
